#!/bin/sh
# Source checks run by `make test` (like curl's checksrc and Fossil's
# codecheck): banned string functions, SQL outside the store, and HTML
# written by pages other than through the escaping builder.
# Prints each offence as file:line: reason; exit 1 if any.
set -u
cd "$(dirname "$0")/.."
bad=0
report() { # grep output, reason; a line marked "checksrc: ok" is exempt
	set -- "$(printf '%s\n' "$1" | grep -v 'checksrc: ok')" "$2"
	[ -n "$1" ] || return 0
	echo "$1" | sed "s|\$|   <- $2|"
	bad=1
}

# 1. Unbounded string functions (git's banned.h).
report "$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|strtok)\s*\(' src/*/*.c src/*/*.h | grep -vE 'snprintf|vsnprintf')" \
	"fonction interdite : utilisez snprintf, buf_* ou strtok_r"

# 2. The database is reached through the store only.
report "$(grep -nE '\bsqlite3_(exec|prepare|open)' src/*/*.c | grep -vE '^src/store/|^src/import/rncp_csv.c')" \
	"SQL hors de src/store/"
report "$(grep -nE '"(SELECT|INSERT|UPDATE|DELETE) ' src/core/*.c src/service/*.c src/web/*.c src/cli/*.c)" \
	"texte SQL hors de src/store/"

# 3. Pages write HTML through h_fmt/h_text (escaping); raw appends take
#    string literals only.
report "$(grep -nE '\bbuf_(puts|printf|add)\s*\([^,]+,\s*[^"[:space:]]' src/web/page_*.c src/web/frame.c src/web/api.c | grep -v 'buf_add(&r->body, css')" \
	"texte brut dans une page : passez par h_fmt/h_text"
report "$(grep -nE '\b(printf|fprintf|puts)\s*\(' src/web/page_*.c src/web/frame.c src/web/api.c)" \
	"sortie directe dans une page"

# 4. %r (raw markup) never receives request or database data: only
#    literals, ternaries of literals, or buffers built by h_fmt.
report "$(grep -nE 'h_fmt\(.*%r' src/web/*.c | grep -E 'req_(query|form)|jstr\(|->(code|title|login|name)\b' | grep -vE '%s.*%r|%u.*%r')" \
	"%r avec une donnée : utilisez %s"

exit $bad
