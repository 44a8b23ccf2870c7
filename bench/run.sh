#!/bin/sh
# cqpm benchmarks, run by `make bench`. Builds, then measures:
#   import  the RNCP XML import of a generated export of 5 000 and of
#           40 000 fiches: wall time, fiches per second, peak RSS; then the
#           re-import of the same file (nothing must change);
#   http    requests per second and latency of `cqpm serve` (JSON API and
#           HTML page of one certification) against nginx serving the very
#           same bytes from disk, same machine, same run; and, for
#           information, the catalogue search page, and on the base of the
#           largest import: the search and many certifications in turn;
#   candidates  a generated centre of 100 000 registrations: registration
#           throughput, the candidate files of a jury of 500, the name
#           search of the work list (service level, then through the web
#           interface with wrk).
#   synthesis  the synthesis of evaluations (PDF) of a candidate with 8
#           competences, 500 times: pages per second.
#   jury    the documents of a jury of 500 candidates made through the
#           services (bench_jury): the whole jury as one zip (pages per
#           second, goal >= 200 on one core), the admission letters one
#           request each, peak RSS; then, in the same run, the reference:
#           the same letter mail-merged as ODT and converted by LibreOffice
#           headless (bench/lo/mailmerge.sh, BENCH_LETTERS, default 200),
#           and the ratio of letters per second.
#   lo      (not in all) the reference of the letters: the admission letter
#           mail-merged as ODT and converted by LibreOffice headless
#           (bench/lo/mailmerge.sh, BENCH_LETTERS letters, default 50).
# Raw outputs go to bench/out/ (git-ignored); the summary is printed and
# kept in bench/out/summary.txt. Everything started here (servers, nginx,
# load generators) is stopped on exit, failure or interruption included.
# Only 127.0.0.1 is used. Benchmarks are not tests: a goal that is not met
# is reported, it does not make this script fail.
#
# Usage: bench/run.sh [all|import|http|candidates|synthesis|jury|lo]
# Environment:
#   BENCH_SIZES     fiches per generated export     (default "5000 40000")
#   BENCH_DURATION  seconds per measured wrk run    (default 10)
#   BENCH_ROUNDS    measured runs per target; the median is reported (default 3)
#   BENCH_CONNS     wrk connections                 (default 32)
#   BENCH_PORT      cqpm port; nginx uses +1, the second cqpm +2 (default 18480)
#   BENCH_CANDIDATES registrations of the generated centre (default 100000)
#   BENCH_JURY      candidates of the jury of the target jury (default 500)
#   BENCH_LETTERS   letters converted by LibreOffice (default 200 in jury, 50 in lo)
#   BENCH_PERF=1    also profile cqpm under load with perf (bench/out/perf-*.txt)
set -u
umask 022
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/out
BIN=$OUT/bin
CQPM=$BIN/cqpm
GEN=$BIN/gen_rncp_xml
SIZES=${BENCH_SIZES:-5000 40000}
DUR=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNS:-32}
PORT=${BENCH_PORT:-18480}
NGINX_PORT=$((PORT + 1))
BIG_PORT=$((PORT + 2))
CERT=RNCP28235
SEARCH='/certifications?q=ressources'
SEARCH_COMMON='/certifications?q=usinage'
NCODES=4000           # certifications requested in turn on the imported base
IMPORT_TIMEOUT=1200   # seconds, per import run
RSS_GOAL_MIB=64
RATIO_GOAL=0.5
what=${1:-all}
case "$what" in all|import|http|candidates|synthesis|jury|lo) ;; *) echo "usage: $0 [all|import|http|candidates|synthesis|jury|lo]" >&2; exit 2 ;; esac

mkdir -p "$OUT" "$BIN"
SUMMARY=$OUT/summary.txt
: >"$SUMMARY"
PIDS=""

# --- housekeeping -----------------------------------------------------------

# end pid: SIGTERM, then SIGKILL if still there after 10 s; reaps it
end() {
	kill "$1" 2>/dev/null || { wait "$1" 2>/dev/null; return 0; }
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

cleanup() {
	for p in $PIDS; do
		end "$p"
	done
	PIDS=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

say() { printf '%s\n' "$*" | tee -a "$SUMMARY"; }
die() { echo "bench: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

stop() { # pid: stops one process started here and forgets it
	end "$1"
	rest=""
	for p in $PIDS; do [ "$p" = "$1" ] || rest="$rest $p"; done
	PIDS=$rest
}

port_free() { # port: nothing answers on 127.0.0.1:port
	curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null
	[ $? -eq 7 ]
}

wait_up() { # url pid: waits (at most 15 s) until url answers and pid lives
	i=0
	while [ $i -lt 150 ]; do
		kill -0 "$2" 2>/dev/null || return 1
		curl -fs -o /dev/null --max-time 2 "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

loadavg() { uptime | sed 's/.*load average: *//'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }          # KiB → MiB
mib_b() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }     # bytes → MiB

# --- build ------------------------------------------------------------------

echo "== build"
if [ ! -f build/build.ninja ]; then
	meson setup build >"$OUT/meson-setup.log" 2>&1 || { cat "$OUT/meson-setup.log"; die "meson setup failed"; }
fi
ninja -C build >"$OUT/ninja.log" 2>&1 || { tail -40 "$OUT/ninja.log"; die "build failed"; }
[ -x build/src/cli/cqpm ] || die "build/src/cli/cqpm is missing after the build"
# A private copy, so that the whole run measures one binary even if the
# build tree is rebuilt meanwhile.
rm -f "$CQPM" "$GEN"
cp -p build/src/cli/cqpm "$CQPM"
[ -x build/bench/gen/gen_rncp_xml ] && cp -p build/bench/gen/gen_rncp_xml "$GEN"
for b in bench_candidates bench_jury; do
	rm -f "$BIN/$b"
	[ -x "build/bench/gen/$b" ] && cp -p "build/bench/gen/$b" "$BIN/"
done

{
	echo "date: $(date -u +%F)"
	echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ modified)')"
	echo "cpus: $(nproc)"
	echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
	echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
	echo "kernel: $(uname -r)"
	echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
	echo "wrk: $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
	echo "sqlite: $(sqlite3 --version 2>/dev/null | awk '{print $1}')"
	echo "load average at start: $(loadavg)"
} >"$OUT/env.txt" 2>/dev/null
say "== environment"
sed 's/^/  /' "$OUT/env.txt" | tee -a "$SUMMARY"

# --- import -----------------------------------------------------------------

# timed prefix command…: runs under GNU time -v (the program, not the
# shell keyword: env finds it in PATH), bounded
timed() {
	p=$1; shift
	timeout "$IMPORT_TIMEOUT" env time -v -o "$p.time" "$@" >"$p.out" 2>"$p.err"
}
wall_s() { # GNU time's "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34"
	awk '/Elapsed \(wall clock\)/ { n = split($NF, a, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.2f\n", s }' "$1"
}
peak_kib() { awk -F': *' '/Maximum resident set size/ { print $2 }' "$1"; }
jfield() { sed -n "s/.*\"$2\": *\([0-9]*\).*/\1/p" "$1" | head -1; }

import_bench() {
	say ""
	say "== import (RNCP XML, one SQLite transaction)"
	if ! env time --version >/dev/null 2>&1; then say "  skipped: GNU time is not installed"; return; fi
	if [ ! -x "$GEN" ]; then say "  skipped: the generator build/bench/gen/gen_rncp_xml is not built"; return; fi
	say "  | fiches | file MiB | run | wall s | fiches/s | peak RSS MiB | created | updated | unchanged | goal |"
	say "  |-------:|---------:|-----|-------:|---------:|-------------:|--------:|--------:|----------:|------|"
	for n in $SIZES; do
		xml=$OUT/rncp-$n.xml
		if [ ! -s "$xml" ] || [ "$GEN" -nt "$xml" ]; then
			timeout 600 "$GEN" "$n" >"$xml.part" 2>"$OUT/gen-$n.err" && mv "$xml.part" "$xml" || {
				rm -f "$xml.part"; say "  $n: the generator failed (bench/out/gen-$n.err)"; continue; }
		fi
		size=$(mib_b "$(wc -c <"$xml")")
		db=$OUT/import.db
		rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
		"$CQPM" --db "$db" init >"$OUT/import-$n-init.log" 2>&1 || {
			say "  $n: cqpm init failed (bench/out/import-$n-init.log)"; continue; }
		for run in import reimport; do
			p=$OUT/$run-$n
			if ! timed "$p" "$CQPM" --db "$db" --json import rncp "$xml"; then
				say "  | $n | $size | $run | failed, see bench/out/$run-$n.err | | | | | | |"
				continue
			fi
			w=$(wall_s "$p.time"); k=$(peak_kib "$p.time")
			f=$(jfield "$p.out" fiches); c=$(jfield "$p.out" created)
			u=$(jfield "$p.out" updated); s=$(jfield "$p.out" unchanged)
			rate=$(awk -v f="${f:-0}" -v w="$w" 'BEGIN { printf "%.0f", (w > 0 ? f / w : 0) }')
			rss=$(mib "$k")
			goal=$(awk -v r="$rss" -v g=$RSS_GOAL_MIB 'BEGIN { print ((r + 0 < g + 0) ? "RSS<" g " met" : "RSS<" g " NOT met") }')
			if [ "$run" = reimport ]; then
				if [ "$c" = 0 ] && [ "$u" = 0 ]; then goal="$goal; 0/0 met"; else goal="$goal; 0/0 NOT met"; fi
			fi
			say "  | $n | $size | $run | $w | $rate | $rss | $c | $u | $s | $goal |"
		done
		last=$xml
	done
	# a profile of the import of the largest file, into a base of its own
	if [ "${BENCH_PERF:-0}" = 1 ] && have perf && [ -n "${last:-}" ]; then
		pdb=$OUT/perf-import.db
		rm -f "$pdb" "$pdb-wal" "$pdb-shm" "$pdb-journal" "$OUT/perf-import.data" "$OUT/perf-import.data.old"
		"$CQPM" --db "$pdb" init >/dev/null 2>&1 &&
			timeout "$IMPORT_TIMEOUT" perf record -q -e cpu-clock -F 199 --call-graph dwarf,8192 \
				-o "$OUT/perf-import.data" -- "$CQPM" --db "$pdb" import rncp "$last" >/dev/null 2>&1 &&
			perf_text import "cqpm import rncp $(basename "$last")"
		rm -f "$pdb" "$pdb-wal" "$pdb-shm" "$pdb-journal"
	fi
}

# --- http -------------------------------------------------------------------

nginx_conf() { # writes bench/out/nginx/nginx.conf
	d=$OUT/nginx
	mkdir -p "$d/tmp" "$d/logs"
	temp="client_body_temp_path $d/tmp/client_body;"
	for m in proxy fastcgi uwsgi scgi; do
		nginx -V 2>&1 | grep -q -- "--without-http_${m}_module" ||
			temp="$temp
    ${m}_temp_path $d/tmp/$m;"
	done
	csp="default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
	cat >"$d/nginx.conf" <<EOF
# Generated by bench/run.sh: static copy of two cqpm responses, served
# from disk with the same headers, as the reference for the HTTP benchmark.
worker_processes 2;
pid $d/nginx.pid;
error_log $d/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    $temp
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 1000000;
    server_tokens off;
    etag off;
    types { }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $OUT/www;
        add_header Content-Security-Policy "$csp" always;
        add_header X-Content-Type-Options nosniff always;
        add_header X-Frame-Options DENY always;
        add_header Referrer-Policy same-origin always;
        add_header Cache-Control no-store always;
        location /api/ { default_type "application/json; charset=utf-8"; }
        location / { default_type "text/html; charset=utf-8"; }
    }
}
EOF
}

# cpu_ticks pid…: user + system clock ticks the processes used so far
# (a process's figure includes all its threads)
cpu_ticks() {
	for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done |
		awk '{ sub(/.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}
TICK=$(getconf CLK_TCK 2>/dev/null || echo 100)
SRV_PIDS=""   # the server processes whose CPU time the wrk runs account

# wrk_once file url [script]: 2 s warm-up, then a measured run of DUR
# seconds; the CPU ticks the server used meanwhile go to file.cpu
wrk_once() {
	wfile=$1 wurl=$2
	shift 2
	[ $# -gt 0 ] && set -- -s "$1"
	timeout 30 wrk -t2 -c"$CONNS" -d2s --timeout 5s "$@" "$wurl" >/dev/null 2>&1
	t0=$(cpu_ticks $SRV_PIDS)
	timeout $((DUR + 30)) wrk -t2 -c"$CONNS" -d"${DUR}s" --timeout 5s --latency "$@" "$wurl" \
		>"$wfile" 2>&1
	t1=$(cpu_ticks $SRV_PIDS)
	echo $((t1 - t0)) >"$wfile.cpu"
	sleep 1 # let the server drain what the client left in flight
}
wrk_rps() { awk '/^Requests\/sec:/ { print $2 }' "$1"; }
# wrk_run name url [script]: one measured run (wrk-NAME.txt)
wrk_run() {
	wname=$1; shift
	rm -f "$OUT/wrk-$wname.range"
	wrk_once "$OUT/wrk-$wname.txt" "$@"
}
# wrk_round name round url [script]: run number ROUND of NAME
wrk_round() {
	wname=$1 wr=$2; shift 2
	wrk_once "$OUT/wrk-$wname-r$wr.txt" "$@"
}
# wrk_median name: copies the median run (by req/s) to wrk-NAME.txt and
# keeps the range of req/s in wrk-NAME.range
wrk_median() {
	r=1
	while [ $r -le "$ROUNDS" ]; do
		printf '%s %s\n' "$(wrk_rps "$OUT/wrk-$1-r$r.txt")" "$r"
		r=$((r + 1))
	done | sort -n >"$OUT/wrk-$1.rounds"
	m=$(awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }' "$OUT/wrk-$1.rounds")
	cp "$OUT/wrk-$1-r$m.txt" "$OUT/wrk-$1.txt"
	cp "$OUT/wrk-$1-r$m.txt.cpu" "$OUT/wrk-$1.txt.cpu"
	awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f-%.0f\n", lo, hi }' \
		"$OUT/wrk-$1.rounds" >"$OUT/wrk-$1.range"
}
# wrk_fig name: "rps avg_ms p99_ms errors cpu_us_per_request" from
# bench/out/wrk-name.txt (and .cpu)
wrk_fig() {
	ticks=$(cat "$OUT/wrk-$1.txt.cpu" 2>/dev/null || echo -)
	awk -v ticks="$ticks" -v hz="$TICK" '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
			if (v ~ /s$/) return v * 1000; if (v ~ /m$/) return v * 60000; return v + 0 }
		$1 == "Latency" && NF >= 5 && avg == "" { avg = ms($2) }
		$1 == "99%" { p99 = ms($2) }
		$2 == "requests" && $3 == "in" { n = $1 }
		/^Requests\/sec:/ { rps = $2 }
		/Non-2xx/ { err += $NF }
		/Socket errors/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
		END { if (rps == "") { print "- - - - -"; exit }
			cpu = (ticks != "-" && n > 0) ? sprintf("%.0f", ticks * 1e6 / hz / n) : "-"
			printf "%.0f %.2f %.2f %d %s\n", rps, avg, p99, err, cpu }' "$OUT/wrk-$1.txt"
}
row() { # label name
	range=-
	[ -f "$OUT/wrk-$2.range" ] && range=$(cat "$OUT/wrk-$2.range")
	set -- "$1" $(wrk_fig "$2")
	say "  | $1 | $2 | $range | $3 | $4 | $6 | $5 |"
}
table_head() {
	say "  | target | req/s | range | avg ms | p99 ms | server CPU µs/req | errors |"
	say "  |--------|------:|------:|-------:|-------:|------------------:|-------:|"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }

# codes_lua db prefix: a wrk script requesting prefix + each of NCODES codes
# in turn (each wrk thread starting at its own place in the list)
codes_lua() {
	echo "-- Generated by bench/run.sh"
	echo "local codes = {"
	sqlite3 "$1" "SELECT code FROM certification WHERE code NOT GLOB '*[^A-Za-z0-9-]*'
		ORDER BY id LIMIT $NCODES" | sed 's/.*/  "&",/'
	echo "}"
	echo "local threads = 0"
	echo "function setup(thread) thread:set('start', threads * 997); threads = threads + 1 end"
	echo "function init(args) i = start or 0 end"
	echo "function request()"
	echo "  i = i % #codes + 1"
	echo "  return wrk.format('GET', '$2' .. codes[i])"
	echo "end"
}

perf_profile() { # name pid url [script]: profile pid for 5 s under load
	[ "${BENCH_PERF:-0}" = 1 ] || return 0
	have perf || { say "  perf: not installed"; return 0; }
	timeout 30 wrk -t2 -c"$CONNS" -d8s ${4:+-s "$4"} "$3" >/dev/null 2>&1 &
	w=$!; PIDS="$PIDS $w"
	sleep 1
	rm -f "$OUT/perf-$1.data" "$OUT/perf-$1.data.old"
	timeout 20 perf record -q -e cpu-clock -F 499 --call-graph dwarf,16384 -p "$2" \
		-o "$OUT/perf-$1.data" -- sleep 5 >/dev/null 2>&1
	stop "$w"
	sleep 1
	perf_text "$1" "cqpm under load on $3${4:+ (script $(basename "$4"))}"
}
perf_text() { # name title: bench/out/perf-NAME.txt from perf-NAME.data
	{
		echo "# $2, cpu-clock samples"
		echo "# by library (self)"
		perf report -i "$OUT/perf-$1.data" --no-children --stdio --sort dso -g none 2>/dev/null | grep '%'
		echo
		echo "# by symbol (self)"
		perf report -i "$OUT/perf-$1.data" --no-children --stdio --sort dso,sym -g none 2>/dev/null |
			grep '%' | head -40
		echo
		echo "# by symbol (inclusive, callers included)"
		perf report -i "$OUT/perf-$1.data" --children --stdio --sort sym -g none 2>/dev/null |
			grep '%' | grep -v '0x0000' | head -60
	} >"$OUT/perf-$1.txt"
}

http_bench() {
	say ""
	say "== http (wrk -t2 -c$CONNS -d${DUR}s, median of $ROUNDS runs; server and client share the $(nproc) CPUs)"
	for t in wrk nginx curl; do
		have $t || { say "  skipped: $t is not installed"; return; }
	done
	for p in $PORT $NGINX_PORT; do
		port_free "$p" || { say "  skipped: 127.0.0.1:$p is in use (set BENCH_PORT)"; return; }
	done
	db=$OUT/http.db
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	"$CQPM" --db "$db" init --demo >"$OUT/http-init.log" 2>&1 || {
		say "  cqpm init --demo failed (bench/out/http-init.log)"; return; }
	"$CQPM" --db "$db" serve --listen "127.0.0.1:$PORT" --quiet >"$OUT/serve.log" 2>&1 &
	serve=$!; PIDS="$PIDS $serve"
	api=/api/v1/certifications/$CERT
	page=/certifications/$CERT
	wait_up "http://127.0.0.1:$PORT$api" "$serve" || {
		say "  cqpm serve did not start (bench/out/serve.log)"; return; }

	rm -rf "$OUT/www"
	mkdir -p "$OUT/www/api/v1/certifications" "$OUT/www/certifications"
	curl -fsS -o "$OUT/www$api" "http://127.0.0.1:$PORT$api" &&
		curl -fsS -o "$OUT/www$page" "http://127.0.0.1:$PORT$page" || {
		say "  fetching the reference responses failed"; return; }
	nginx_conf
	nginx -e "$OUT/nginx/logs/error.log" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" \
		-g 'daemon off;' >"$OUT/nginx/logs/stdout.log" 2>&1 &
	ngx=$!; PIDS="$PIDS $ngx"
	wait_up "http://127.0.0.1:$NGINX_PORT$api" "$ngx" || {
		say "  nginx did not start (bench/out/nginx/logs/error.log)"; return; }
	# nginx must serve exactly the bytes cqpm served
	for u in "$api" "$page"; do
		curl -fsS "http://127.0.0.1:$NGINX_PORT$u" | cmp -s - "$OUT/www$u" || {
			say "  nginx does not serve the reference bytes of $u"; return; }
	done
	say "  response sizes: API $(wc -c <"$OUT/www$api") bytes, page $(wc -c <"$OUT/www$page") bytes"

	# rounds interleave the four targets, so that a slow period of the
	# machine does not fall on one of them only
	ngx_all="$ngx $(ps -o pid= --ppid "$ngx" 2>/dev/null | tr '\n' ' ')"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		SRV_PIDS=$serve
		wrk_round cqpm-api $r "http://127.0.0.1:$PORT$api"
		SRV_PIDS=$ngx_all
		wrk_round nginx-api $r "http://127.0.0.1:$NGINX_PORT$api"
		SRV_PIDS=$serve
		wrk_round cqpm-page $r "http://127.0.0.1:$PORT$page"
		SRV_PIDS=$ngx_all
		wrk_round nginx-page $r "http://127.0.0.1:$NGINX_PORT$page"
		r=$((r + 1))
	done
	for t in cqpm-api nginx-api cqpm-page nginx-page; do wrk_median $t; done
	SRV_PIDS=$serve
	wrk_run cqpm-search "http://127.0.0.1:$PORT$SEARCH"

	table_head
	row "cqpm GET $api" cqpm-api
	row "nginx, same JSON bytes" nginx-api
	row "cqpm GET $page" cqpm-page
	row "nginx, same HTML bytes" nginx-page
	row "cqpm GET $SEARCH (demo base, 1 run)" cqpm-search
	set -- $(wrk_fig cqpm-api); a=$1 ac=$5
	set -- $(wrk_fig nginx-api); b=$1 bc=$5
	set -- $(wrk_fig cqpm-page); c=$1 cc=$5
	set -- $(wrk_fig nginx-page); d=$1 dc=$5
	for x in "API $(ratio "$a" "$b") $(ratio "$ac" "$bc")" "page $(ratio "$c" "$d") $(ratio "$cc" "$dc")"; do
		set -- $x
		v=$(awk -v r="$2" -v g=$RATIO_GOAL 'BEGIN { print ((r + 0 >= g + 0) ? "met" : "NOT met") }')
		say "  $1: req/s cqpm/nginx $2 (goal >= $RATIO_GOAL: $v); server CPU per request cqpm/nginx $3"
	done

	perf_profile api "$serve" "http://127.0.0.1:$PORT$api"
	perf_profile page "$serve" "http://127.0.0.1:$PORT$page"
	perf_profile search-demo "$serve" "http://127.0.0.1:$PORT$SEARCH"
	stop "$ngx"
	stop "$serve"

	# On the base of the largest import, if there is one: many different
	# certifications in turn, so that most requests miss the per-thread
	# cache of rendered responses (the single-URL runs above measure its
	# best case); and the search, for a rare and for a common word.
	big=$OUT/import.db
	if [ -s "$big" ] && have sqlite3 && port_free "$BIG_PORT"; then
		n=$(sqlite3 "$big" 'SELECT count(*) FROM certification')
		m1=$(sqlite3 "$big" "SELECT count(*) FROM certification WHERE search LIKE '%${SEARCH_COMMON#*q=}%'")
		m2=$(sqlite3 "$big" "SELECT count(*) FROM certification WHERE search LIKE '%${SEARCH#*q=}%'")
		codes_lua "$big" /api/v1/certifications/ >"$OUT/codes-api.lua"
		codes_lua "$big" /certifications/ >"$OUT/codes-page.lua"
		"$CQPM" --db "$big" serve --listen "127.0.0.1:$BIG_PORT" --quiet >"$OUT/serve-big.log" 2>&1 &
		bs=$!; PIDS="$PIDS $bs"
		if wait_up "http://127.0.0.1:$BIG_PORT/" "$bs"; then
			SRV_PIDS=$bs
			wrk_run big-api "http://127.0.0.1:$BIG_PORT/" "$OUT/codes-api.lua"
			wrk_run big-page "http://127.0.0.1:$BIG_PORT/" "$OUT/codes-page.lua"
			perf_profile api-uncached "$bs" "http://127.0.0.1:$BIG_PORT/" "$OUT/codes-api.lua"
			perf_profile page-uncached "$bs" "http://127.0.0.1:$BIG_PORT/" "$OUT/codes-page.lua"
			wrk_run big-search "http://127.0.0.1:$BIG_PORT$SEARCH"
			perf_profile search "$bs" "http://127.0.0.1:$BIG_PORT$SEARCH"
			# last, as it may be slow: requests the client gave up on are
			# still served after its end and would disturb what follows
			wrk_run big-search-common "http://127.0.0.1:$BIG_PORT$SEARCH_COMMON"
			perf_profile search-common "$bs" "http://127.0.0.1:$BIG_PORT$SEARCH_COMMON"
			say ""
			say "  on the imported base ($n certifications), 1 run each, for information:"
			table_head
			row "cqpm GET /api/v1/certifications/{$NCODES codes in turn}" big-api
			row "cqpm GET /certifications/{$NCODES codes in turn}" big-page
			row "cqpm GET $SEARCH ($m2 matches)" big-search
			row "cqpm GET $SEARCH_COMMON ($m1 matches)" big-search-common
		fi
		stop "$bs"
	fi
}

# --- candidates ---------------------------------------------------------------

# names_lua db: a wrk script asking the work list for birth names in turn
names_lua() {
	echo "-- Generated by bench/run.sh"
	echo "local names = {"
	sqlite3 "$1" "SELECT DISTINCT birth_name FROM candidate WHERE birth_name GLOB '[A-Za-z]*'
		AND birth_name NOT GLOB '*[^A-Za-z]*' LIMIT 2000" | sed 's/.*/  "&",/'
	echo "}"
	echo "local threads = 0"
	echo "function setup(thread) thread:set('start', threads * 499); threads = threads + 1 end"
	echo "function init(args) i = start or 0 end"
	echo "function request()"
	echo "  i = i % #names + 1"
	echo "  return wrk.format('GET', '/candidats?q=' .. names[i], { Cookie = '$2' })"
	echo "end"
}

candidates_bench() {
	echo "== candidates"
	n=${BENCH_CANDIDATES:-100000}
	db=$OUT/candidates-$n.db
	[ -x "$BIN/bench_candidates" ] || die "bench_candidates was not built"
	rm -f "$db" "$db-wal" "$db-shm"
	"$BIN/bench_candidates" "$db" "$n" 500 >"$OUT/candidates.txt" 2>"$OUT/candidates.err" ||
		{ cat "$OUT/candidates.err"; die "bench_candidates failed"; }
	fig() { awk -v k="$1" '$1 == k { print $2 }' "$OUT/candidates.txt"; }
	say ""
	say "candidates: a generated centre of $n registrations (service level, one process)"
	say "  registration, one transaction each: $(fig registration_rate)/s ($(fig registration_time) s in all)"
	[ -n "$(fig evaluation_rate)" ] &&
		say "  evaluations recorded, one transaction each: $(fig evaluation_rate)/s"
	say "  candidate files (results, blocks, status) of a jury of 500: $(fig synthesis_time) s" \
		"($(fig synthesis_per_candidate) ms each)"
	[ -n "$(fig synthesis_pdf_time)" ] &&
		say "  their syntheses as one anonymous PDF: $(fig synthesis_pdf_time) s," \
			"$(fig synthesis_pdf_pages) pages, $(fig synthesis_pdf_rate) pages/s"
	say "  name search of the work list: p50 $(fig search_p50) ms, p99 $(fig search_p99) ms"
	# the same search through the web interface, logged in as centre staff
	"$CQPM" --db "$db" serve --listen "127.0.0.1:$PORT" --quiet >"$OUT/serve-cand.log" 2>&1 &
	cs=$!; PIDS="$PIDS $cs"
	if wait_up "http://127.0.0.1:$PORT/" "$cs"; then
		SRV_PIDS=$cs
		cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
			-d '{"login":"centre","password":"demonstration"}' \
			"http://127.0.0.1:$PORT/api/v1/session" |
			sed -n 's/^[Ss]et-[Cc]ookie: *\([^;]*\).*/\1/p' | head -1)
		names_lua "$db" "$cookie" >"$OUT/names.lua"
		wrk_run cand-search "http://127.0.0.1:$PORT/" "$OUT/names.lua"
		# the latency one user sees, without the queue of 32 connections
		conns=$CONNS; CONNS=1
		wrk_run cand-search-1 "http://127.0.0.1:$PORT/" "$OUT/names.lua"
		CONNS=$conns
		say ""
		say "  web interface, GET /candidats?q={2000 birth names in turn} as centre staff:"
		table_head
		row "cqpm GET /candidats?q=NAME, $CONNS connections" cand-search
		row "cqpm GET /candidats?q=NAME, 1 connection" cand-search-1
	fi
	stop "$cs"
}

# --- synthesis of evaluations -----------------------------------------------

synthesis_bench() {
	say ""
	say "== synthesis of evaluations (PDF, 8 competences, 500 times)"
	build/bench/gen/bench_synthesis tests/data/synthesis/employee.json 500 \
		>"$OUT/synthesis.txt" 2>&1 || { cat "$OUT/synthesis.txt"; die "bench_synthesis failed"; }
	sed 's/^/  /' "$OUT/synthesis.txt" | tee -a "$SUMMARY"
}

# --- LibreOffice mail merge ---------------------------------------------------

lo_bench() {
	say ""
	say "== letters by LibreOffice (mail merge to ODT, soffice --convert-to pdf, one batch)"
	LO_OUT=$OUT/lo bench/lo/mailmerge.sh "${BENCH_LETTERS:-50}" >"$OUT/lo.txt" 2>&1 ||
		{ say "  failed (bench/out/lo.txt)"; sed 's/^/  /' "$OUT/lo.txt" | tail -5; return; }
	sed 's/^/  /' "$OUT/lo.txt" | tee -a "$SUMMARY"
}

# --- the jury's documents ---------------------------------------------------

JURY_GOAL=200   # pages per second, one core (issue 4)

jury_bench() {
	n=${BENCH_JURY:-500}
	letters=${BENCH_LETTERS:-200}
	say ""
	say "== jury's documents: a jury of $n candidates through the services (bench_jury, one process, one thread)"
	[ -x "$BIN/bench_jury" ] || die "bench_jury was not built"
	db=$OUT/jury-$n.db
	rm -f "$db" "$db-wal" "$db-shm" "$OUT/jury-$n.zip"
	"$BIN/bench_jury" build "$db" "$n" >"$OUT/jury-build.txt" 2>"$OUT/jury-build.err" ||
		{ cat "$OUT/jury-build.err"; die "bench_jury build failed"; }
	"$BIN/bench_jury" docs "$db" "$OUT/jury-$n.zip" >"$OUT/jury-docs.txt" 2>"$OUT/jury-docs.err" ||
		{ cat "$OUT/jury-docs.err"; die "bench_jury docs failed"; }
	fb() { awk -v k="$1" '$1 == k { print $2 }' "$OUT/jury-build.txt"; }
	fd() { awk -v k="$1" '$1 == k { print $2 }' "$OUT/jury-docs.txt"; }
	say "  preparation (D-40, D-30): $(fb candidates) registrations with dossier, 8 results and opinion each in $(fb preparation_time) s; candidates added in $(fb candidates_add_time) s"
	say "  sitting (D): $(fb decisions) decisions ($(fb decisions_admitted) A) in $(fb decisions_time) s ($(fb decisions_rate)/s);" \
		"signature with the award, $(fb certificates_issued) numbered certificates: $(fb signature_time) s"
	say "  jury's JSON (svc_jury_doc, $(fd jury_candidates) candidates): $(fd jury_doc_time) s"
	zr=$(fd zip_rate)
	v=$(awk -v r="$zr" -v g=$JURY_GOAL 'BEGIN { print ((r + 0 >= g + 0) ? "met" : "NOT met") }')
	say "  (a) svc_jury_zip: $(fd zip_files) files, $(fd zip_pages) pages, $(fd zip_bytes) MiB in $(fd zip_time) s (CPU $(fd zip_cpu) s):" \
		"$zr pages/s (CPU: $(fd zip_rate_cpu)); goal >= $JURY_GOAL pages/s on one core: $v"
	say "      within it: $(fd zip_letters) letters in $(fd zip_letters_time) s ($(fd zip_letters_rate) letters/s)," \
		"$(fd zip_certificates_files) certificate files in $(fd zip_certificates_time) s, first entry (with the jury's JSON) $(fd zip_first_entry_time) s," \
		"the other jury-wide documents (minutes, attendance, GTP, CPREFP, requests, convocations, syntheses) $(fd zip_other_entries_time) s"
	say "  (b) the admission letters one request each (svc_jury_pdf JDOC_LETTER): $(fd letters) letters, $(fd letters_pages) pages in $(fd letters_time) s" \
		"(CPU $(fd letters_cpu) s): $(fd letters_rate) letters/s"
	say "  (c) memory: RSS $(fd rss_before_documents) MiB before the documents; during the zip $(fd zip_rss_first_entry) MiB after the first entry," \
		"$(fd zip_rss_at_10pct) at 10 %, $(fd zip_rss_last_entry) at the last (min $(fd zip_rss_min), max $(fd zip_rss_max)); peak RSS $(fd peak_rss) MiB; threads $(fd threads)"
	say "  LibreOffice reference: $letters letters mail-merged as ODT, soffice --convert-to pdf, one batch"
	if LO_OUT=$OUT/lo bench/lo/mailmerge.sh "$letters" >"$OUT/lo.txt" 2>&1; then
		sed 's/^/    /' "$OUT/lo.txt" | tee -a "$SUMMARY"
		set -- $(awk '$1 == "letters" { print $2, $4, $6 }' "$OUT/lo.txt")
		lo_lps=$(awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.2f", n / s; else print 0 }')
		lo_pps=$3
		say "  ratio of letters per second, cqpm / LibreOffice: in the zip $(ratio "$(fd zip_letters_rate)" "$lo_lps")," \
			"one request each $(ratio "$(fd letters_rate)" "$lo_lps") (LibreOffice: $lo_lps letters/s, $lo_pps pages/s;" \
			"cqpm pages/s: zip $zr, letters one request each $(fd letters_page_rate))"
	else
		say "    failed (bench/out/lo.txt)"
		sed 's/^/    /' "$OUT/lo.txt" | tail -5
	fi
	if [ "${BENCH_PERF:-0}" = 1 ] && have perf; then
		rm -f "$OUT/perf-jury.data" "$OUT/perf-jury.data.old" "$OUT/jury-perf.zip"
		perf record -q -e cpu-clock -F 499 --call-graph dwarf,16384 -o "$OUT/perf-jury.data" -- \
			"$BIN/bench_jury" docs "$db" "$OUT/jury-perf.zip" >/dev/null 2>&1 &&
			perf_text jury "bench_jury docs (the zip, then the letters one request each)"
	fi
}

case "$what" in
all) import_bench; http_bench; candidates_bench; synthesis_bench; jury_bench ;;
import) import_bench ;;
http) http_bench ;;
candidates) candidates_bench ;;
synthesis) synthesis_bench ;;
jury) jury_bench ;;
lo) lo_bench ;;
esac
[ "${BENCH_PERF:-0}" = 1 ] && say "" &&
	say "perf profiles (cpu-clock samples of cqpm): bench/out/perf-*.txt"
say ""
say "load average at the end: $(loadavg) (other work on the machine disturbs the figures)"
echo ""
echo "raw outputs in bench/out/, summary in bench/out/summary.txt"
