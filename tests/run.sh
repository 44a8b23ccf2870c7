#!/bin/sh
# Runs the test suite: unit tests (C), HTTP tests against the real server
# (node), browser tests (headless Chromium through playwright-core), and
# the unit and HTTP tests again built with AddressSanitizer and
# UndefinedBehaviorSanitizer. Usage: tests/run.sh [unit|http|browser|asan]
# Ends with one line "N passed, N failed"; exit status 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
what=${1:-all}
passed=0
failed=0
out=tests/out
mkdir -p "$out"

count_c() { # sums the "N passed, N failed" lines of the harness
	p=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | awk '{s+=$1} END {print s+0}')
	f=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | awk '{s+=$3} END {print s+0}')
	passed=$((passed + p)); failed=$((failed + f))
}

count_tap() { # node's TAP summary
	p=$(grep -E '^# pass ' "$1" | awk '{s+=$3} END {print s+0}')
	f=$(grep -E '^# fail ' "$1" | awk '{s+=$3} END {print s+0}')
	passed=$((passed + p)); failed=$((failed + f))
}

build() { # dir, extra meson args…
	dir=$1; shift
	[ -f "$dir/build.ninja" ] || meson setup "$dir" "$@" >/dev/null || exit 1
	ninja -C "$dir" >"$out/ninja-$(basename "$dir").log" 2>&1 || {
		cat "$out/ninja-$(basename "$dir").log"; echo "0 passed, 1 failed"; exit 1; }
}

unit() { # dir label
	echo "== tests unitaires ($2)"
	meson test -C "$1" --no-rebuild --print-errorlogs -v >"$out/unit-$2.log" 2>&1
	rc=$?
	grep -E '^(FAIL|ok  ) |passed, .* failed$' "$out/unit-$2.log" | grep -vE '^ok  ' || true
	count_c "$out/unit-$2.log"
	[ $rc -eq 0 ] || { grep -E '^\s+[^ ]+:[0-9]+: ' "$out/unit-$2.log" | head -40;
		grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$out/unit-$2.log" || failed=$((failed + 1)); }
}

http() { # binary label
	echo "== tests HTTP ($2)"
	CQPM_BIN=$1 node --test --test-reporter=tap tests/http/ >"$out/http-$2.log" 2>&1
	grep -E '^not ok|^# (pass|fail) ' "$out/http-$2.log" || true
	count_tap "$out/http-$2.log"
}

browser() {
	echo "== tests navigateur (Chromium)"
	if [ ! -d tests/browser/node_modules/playwright-core ]; then
		(cd tests/browser && npm ci --no-audit --no-fund --silent) || {
			echo "npm ci a échoué"; failed=$((failed + 1)); return; }
	fi
	CQPM_BIN=build/src/cli/cqpm node --test --test-reporter=tap tests/browser/ \
		>"$out/browser.log" 2>&1
	grep -E '^not ok|^# (pass|fail) ' "$out/browser.log" || true
	count_tap "$out/browser.log"
}

if [ "$what" = all ]; then
	echo "== vérification des sources"
	if scripts/checksrc.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
fi
case $what in all|unit|http|browser) build build --buildtype=debugoptimized ;; esac
case $what in all|asan) build build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false ;; esac

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0
case $what in all|unit) unit build normal ;; esac
case $what in all|http) http build/src/cli/cqpm normal ;; esac
case $what in all|browser) browser ;; esac
case $what in all|asan)
	unit build-asan asan
	http build-asan/src/cli/cqpm asan ;;
esac

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
