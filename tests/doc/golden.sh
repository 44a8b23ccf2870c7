#!/bin/sh
# Golden tests of the printed documents, run by `meson test` (tests/run.sh
# unit): renders the synthesis of evaluations of each candidate's file of
# tests/data/synthesis/ (fixed centre name and dates: the same bytes on
# every run), reads it back with poppler (pdftotext -layout, pdfinfo) and
# compares the text with tests/data/synthesis/expected/NAME.txt; then
# checks what each case is there for (anonymity, no company for a job
# seeker, the VAE commission, an appraisal split across pages) and the
# layout engine's own sample (table header repeated on every page,
# numbering per section).
#
# usage: tests/doc/golden.sh SYNTHESIS_RENDER PDF_SAMPLE [--update]
# --update rewrites the expected texts from the current output (review
# the difference before committing it).
# Ends with "N passed, N failed"; exit status 1 if anything failed.
set -u
cd "$(dirname "$0")/../.."
RENDER=$1
SAMPLE=$2
UPDATE=${3:-}
DATA=tests/data/synthesis
EXP=$DATA/expected
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cqpm-golden-XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
passed=0
failed=0

ok() { echo "ok   $1"; passed=$((passed + 1)); }
ko() { echo "FAIL $1"; shift; for l in "$@"; do echo "  $l"; done; failed=$((failed + 1)); }

for tool in pdftotext pdfinfo; do
	command -v $tool >/dev/null 2>&1 || { echo "FAIL $tool manque (paquet poppler-utils)"; echo "0 passed, 1 failed"; exit 1; }
done

pages_of() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

# render NAME JSON [ARGS…]: $TMP/NAME.pdf and $TMP/NAME.txt
render() {
	name=$1 json=$2; shift 2
	if ! "$RENDER" "$DATA/$json" "$TMP/$name.pdf" "$@" 2>"$TMP/$name.err"; then
		ko "$name: rendu" "$(cat "$TMP/$name.err")"
		return 1
	fi
	pdftotext -layout "$TMP/$name.pdf" "$TMP/$name.txt"
}

# golden NAME JSON PAGES [ARGS…]: the text as expected, PAGES pages
golden() {
	name=$1 json=$2 pages=$3; shift 3
	render "$name" "$json" "$@" || return 0
	if [ "$UPDATE" = --update ]; then
		mkdir -p "$EXP"
		cp "$TMP/$name.txt" "$EXP/$name.txt"
	fi
	if diff -u "$EXP/$name.txt" "$TMP/$name.txt" >"$TMP/$name.diff" 2>&1; then
		ok "$name: texte conforme"
	else
		ko "$name: texte différent de $EXP/$name.txt" "$(head -40 "$TMP/$name.diff")"
	fi
	n=$(pages_of "$TMP/$name.pdf")
	if [ "$n" = "$pages" ]; then ok "$name: $pages pages"; else ko "$name: $n pages, $pages attendues"; fi
	# "page N / M" on every page, M the real count
	m=$(grep -c "page [0-9]* / $n\$" "$TMP/$name.txt")
	if [ "$m" = "$n" ]; then ok "$name: page N / $n sur chaque page"; else ko "$name: $m pieds de page « page N / $n »"; fi
}

# has NAME TEXT / hasnt NAME TEXT (fixed strings, in the whole text)
has() { if grep -qF -- "$2" "$TMP/$1.txt"; then ok "$1: contient « $2 »"; else ko "$1: ne contient pas « $2 »"; fi; }
hasnt() { if grep -qiF -- "$2" "$TMP/$1.txt"; then ko "$1: contient « $2 »" "$(grep -niF -- "$2" "$TMP/$1.txt" | head -5)"; else ok "$1: sans « $2 »"; fi; }
# on_page NAME PAGE TEXT: TEXT on that page (lines joined)
on_page() {
	if pdftotext -f "$2" -l "$2" "$TMP/$1.pdf" - | tr '\n' ' ' | grep -qF -- "$3"; then
		ok "$1: « $3 » en page $2"
	else
		ko "$1: « $3 » absent de la page $2"
	fi
}

# A candidate employed by a company, with everything the file can hold:
# accommodations (R-EVA-4), a block kept from an earlier jury until the
# end of its validity (R-LET-3), the status derived from the results
# (R-EVA-6), the company's opinion (R-EVA-3).
golden employee employee.json 4
has employee "Née le                             12/04/1995 à Lyon (69)"
has employee "Salarié (SL)"
has employee "NAF 25.62B — NACE 25.62"
has employee "Tiers temps pour les épreuves écrites"
has employee "Acquis au jury du 20/06/2024, conservé jusqu’au 20/06/2029."
has employee "Statut au vu des évaluations : En cours"
has employee "Document établi le 15 juin 2026 par cqpm"
# French typography of the data: no-break spaces and apostrophes
if grep -q "méthode : entretiens" "$TMP/employee.txt" && grep -q "choix !" "$TMP/employee.txt" &&
   grep -q "rigoureux ; les" "$TMP/employee.txt" && grep -q "« coût complet »" "$TMP/employee.txt"; then
	ok "employee: espaces de la typographie française (avant ; : ! et dans « »)"
else
	ko "employee: espaces de la typographie française absentes"
fi
# the same input gives the same bytes (the creation date is the caller's)
"$RENDER" "$DATA/employee.json" "$TMP/again.pdf" 2>/dev/null
if cmp -s "$TMP/employee.pdf" "$TMP/again.pdf"; then ok "employee: rendu reproductible"; else ko "employee: deux rendus diffèrent"; fi
if pdfinfo "$TMP/employee.pdf" | grep -q "^CreationDate: .*Jun 15 09:30:00 2026"; then
	ok "employee: date de création fournie par l'appelant"
else
	ko "employee: date de création" "$(pdfinfo "$TMP/employee.pdf" | grep Date)"
fi

# The same file under an anonymous code: no name, no birth date, no
# number, anywhere (text, free text, document information).
golden anonymous employee.json 4 --anonymous JURY-2026-07
pdfinfo "$TMP/anonymous.pdf" >>"$TMP/anonymous.txt"
for s in Martin "Léa" Marie 1995 "12/04" "N° de candidat" "n° 12" "Lyon (69)"; do
	hasnt anonymous "$s"
done
has anonymous "Candidat JURY-2026-07"
has anonymous "*** *** a conduit l’analyse"

# A job seeker (origin DE): no company section.
golden job-seeker job-seeker.json 4
has job-seeker "Demandeur d’emploi (DE)"
hasnt job-seeker "Forges de Lyon"
hasnt job-seeker "Activité de l’entreprise"
if grep -q "^Entreprise " "$TMP/job-seeker.txt"; then ko "job-seeker: rubrique Entreprise"; else ok "job-seeker: pas de rubrique Entreprise"; fi

# A VAE: no company opinion (R-EVA-3), the validation commission's
# conclusions (R-VAE-3).
golden vae vae.json 4
has vae "Aucun avis de l’entreprise n’est requis : la validation des acquis de l’expérience n’en comporte"
has vae "Validation partielle"
has vae "RNCP28235BC01, RNCP28235BC04"
has vae "Par expérience — VAE de branche"

# An appraisal longer than a page: split between pages, nothing lost.
golden long-appraisal long-appraisal.json 5
on_page long-appraisal 3 "Début de l’appréciation de la compétence C5."
on_page long-appraisal 5 "Fin de l’appréciation de la compétence C5."

# The layout engine's sample: a 120-row table over 3 pages, its header
# on each; a second section numbered from 1.
if "$SAMPLE" "$TMP/sample.pdf"; then
	pdftotext -layout "$TMP/sample.pdf" "$TMP/sample.txt"
	n=$(grep -c "^Code de ligne  *Libellé  *Quantité" "$TMP/sample.txt")
	if [ "$n" = 3 ]; then ok "sample: en-tête du tableau sur ses 3 pages"; else ko "sample: en-tête du tableau $n fois"; fi
	for p in "page 1 / 3" "page 3 / 3" "page 1 / 2" "page 2 / 2"; do has sample "$p"; done
	on_page sample 3 "L120"
	on_page sample 4 "Premier mot du long paragraphe."
	on_page sample 5 "Dernier mot du long paragraphe."
	n=$(pages_of "$TMP/sample.pdf")
	if [ "$n" = 5 ]; then ok "sample: 5 pages"; else ko "sample: $n pages, 5 attendues"; fi
else
	ko "sample: rendu"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
