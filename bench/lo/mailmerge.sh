#!/bin/sh
# What centres do today, as the reference for cqpm's letters: the same
# admission letter mail-merged as one ODT per candidate (odt_merge.py),
# then converted to PDF by LibreOffice headless, all letters in ONE
# soffice invocation. Prints
#   letters N seconds S pages/s P
# where S is the wall time of the conversion alone (the merge is timed
# apart, on the line before). A first conversion of one letter, not
# timed, creates LibreOffice's profile (as on a centre's desk, where the
# program has been used before).
#
# Usage: bench/lo/mailmerge.sh [N] [CSV]
#   N    letters (default 50), generated candidates unless CSV is given
#   CSV  nom,adresse,certification,date_jury (see odt_merge.py)
# Environment: LO_OUT  work directory (default bench/out/lo, emptied)
#              LO_TIMEOUT  seconds for the conversion (default 1800)
set -u
cd "$(dirname "$0")/../.."
N=${1:-50}
CSV=${2:-}
OUT=${LO_OUT:-bench/out/lo}
TIMEOUT=${LO_TIMEOUT:-1800}
case "$N" in ''|*[!0-9]*) echo "usage: $0 [N] [CSV]" >&2; exit 2 ;; esac
[ "$N" -gt 0 ] || { echo "usage: $0 [N] [CSV]" >&2; exit 2; }
command -v soffice >/dev/null 2>&1 || {
	echo "mailmerge: soffice is not installed (scripts/install-deps.sh bench)" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "mailmerge: python3 is missing" >&2; exit 1; }

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

rm -rf "$OUT"
mkdir -p "$OUT/odt" "$OUT/pdf" "$OUT/warm"
OUT=$(cd "$OUT" && pwd)
if [ -z "$CSV" ]; then
	CSV=$OUT/candidates.csv
	python3 bench/lo/odt_merge.py csv "$N" >"$CSV" || exit 1
fi

t0=$(now)
n=$(python3 bench/lo/odt_merge.py merge "$CSV" "$OUT/odt") || exit 1
t1=$(now)
[ "$n" -gt 0 ] || { echo "mailmerge: no letter merged" >&2; exit 1; }
echo "merge: $n ODT letters in $(secs "$t0" "$t1") s (python3 odt_merge.py)"

# a profile of its own, so that a running LibreOffice or the user's
# settings play no part; HOME too (some versions write there)
LO="soffice -env:UserInstallation=file://$OUT/profile --headless --norestore --nologo --nodefault"
export HOME=$OUT
first=$(ls "$OUT/odt" | head -1)
timeout "$TIMEOUT" $LO --convert-to pdf --outdir "$OUT/warm" "$OUT/odt/$first" \
	>"$OUT/warm.log" 2>&1 || { cat "$OUT/warm.log" >&2; echo "mailmerge: the warm-up conversion failed" >&2; exit 1; }

t2=$(now)
timeout "$TIMEOUT" $LO --convert-to pdf --outdir "$OUT/pdf" "$OUT"/odt/*.odt \
	>"$OUT/convert.log" 2>&1
rc=$?
t3=$(now)
[ $rc -eq 0 ] || { tail -20 "$OUT/convert.log" >&2; echo "mailmerge: soffice failed ($rc)" >&2; exit 1; }

got=$(ls "$OUT/pdf" | grep -c '\.pdf$')
[ "$got" -eq "$n" ] || { echo "mailmerge: $got PDF for $n letters" >&2; exit 1; }
# pages: pdfinfo if there is poppler, else count the page objects
pages=0
for f in "$OUT"/pdf/*.pdf; do
	if command -v pdfinfo >/dev/null 2>&1; then
		p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	else
		p=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page\b", open(sys.argv[1], "rb").read())))' "$f")
	fi
	pages=$((pages + ${p:-0}))
done
s=$(secs "$t2" "$t3")
rate=$(awk -v p="$pages" -v s="$s" 'BEGIN { printf "%.1f", (s > 0 ? p / s : 0) }')
echo "soffice $(soffice --version 2>/dev/null | head -1 | awk '{print $2, $3}'), $(nproc) CPUs, $pages pages"
echo "letters $n seconds $s pages/s $rate"
