#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# eimza-yenile-cli roster: every subcommand, --json, exit codes, file modes,
# CSV (";", windows-1254, formula cells, bad rows) and XLSX in and out.  TAP output.
# Usage: test-cli-roster.sh CLI
set -u
cli=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/r.sqlite"
r () { "$cli" roster --roster "$db" "$@"; }
n=0 failed=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); echo "not ok $n - $1"; failed=1; }
check () { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}
has () { grep -q -e "$1" <<<"$2"; }
echo "1..36"

"$cli" roster >/dev/null 2>&1
check "roster without a subcommand: exit 2" test $? -eq 2
out=$("$cli" roster --help); rc=$?
check "roster --help lists the subcommands and exit codes" \
  bash -c '[ '$rc' -eq 0 ] && grep -q import <<<"$1" && grep -q "  6 " <<<"$1"' _ "$out"
r frobnicate >/dev/null 2>&1
check "unknown subcommand: exit 2" test $? -eq 2

out=$(r add 12345678950 "AYŞE YILMAZ" --unit "Bilgi İşlem" --expires 31.03.2099 \
      --phone "0505 123 45 69" --email ayse@igdir.edu.tr --title "Şube Müdürü"); rc=$?
check "add: exit 0" test $rc -eq 0
check "the roster file is 0600" test "$(stat -c %a "$db")" = 600
r add 12345678950 "AYŞE" >/dev/null 2>&1
check "add an existing number: exit 6" test $? -eq 6
r add 12345678951 "YANLIŞ" >/dev/null 2>&1
check "add a wrong check digit: exit 3" test $? -eq 3
r add 23456789138 "MEHMET" --phone 0312 >/dev/null 2>&1
check "add a landline: exit 3" test $? -eq 3
r add 23456789138 "MEHMET" --status flying >/dev/null 2>&1
check "add an unknown status: exit 2" test $? -eq 2
r add 23456789138 "MEHMET DEMİR" --expires "$(date -d '+20 days' +%F)" --application e-onay >/dev/null
check "add a second colleague" test $? -eq 0
r add U12345678 "JOHN SMITH" >/dev/null
check "add a passport holder" test $? -eq 0

out=$(r edit 12345678950 --status applied --tick printed --tick signed); rc=$?
check "edit status and checklist: exit 0" test $rc -eq 0
r edit 12345678950 --email "not a mail" >/dev/null 2>&1
check "edit with a bad mail: exit 3" test $? -eq 3
r edit 12345678950 --tick stamped >/dev/null 2>&1
check "edit an unknown checklist step: exit 2" test $? -eq 2
r edit 45678912316 --status done >/dev/null 2>&1
check "edit someone not on the roster: exit 6" test $? -eq 6

out=$(r show "123 456 789 50"); rc=$?
check "show: exit 0, the checklist and history" \
  bash -c '[ '$rc' -eq 0 ] && grep -q "\[x\] Form printed" <<<"$1" && grep -q "Pending → Applied" <<<"$1"' _ "$out"
out=$(r show --json 12345678950); rc=$?
check "show --json" bash -c '[ '$rc' -eq 0 ] && grep -q "\"status\" : \"applied\"" <<<"$1" && grep -q "\"field\" : \"printed\"" <<<"$1"' _ "$out"
r show 45678912316 >/dev/null 2>&1
check "show someone not on the roster: exit 6" test $? -eq 6

out=$(r list); rc=$?
check "list: everyone, soonest end first" \
  bash -c '[ '$rc' -eq 0 ] && [ "$(wc -l <<<"$1")" -eq 3 ] && head -1 <<<"$1" | grep -q MEHMET' _ "$out"
out=$(r list --search "yilmaz")
check "list --search ignores case and Turkish marks" bash -c '[ "$(wc -l <<<"$1")" -eq 1 ] && grep -q AYŞE <<<"$1"' _ "$out"
out=$(r list --filter wet --json)
check "list --filter wet --json" bash -c 'grep -q 12345678950 <<<"$1" && ! grep -q 23456789138 <<<"$1"' _ "$out"
r list --filter nonsense >/dev/null 2>&1
check "list with an unknown filter: exit 2" test $? -eq 2

out=$(r due); rc=$?
check "due: the one ending in 20 days, not the one in 2099" \
  bash -c '[ '$rc' -eq 0 ] && grep -q MEHMET <<<"$1" && ! grep -q AYŞE <<<"$1"' _ "$out"
out=$(r due --json --months 12)
check "due --json" bash -c 'grep -q "\"days_left\" : 20" <<<"$1"' _ "$out"

r edit U12345678 --notes '=HYPERLINK("http://evil";"x")' >/dev/null
out=$(r export - --separator ';'); rc=$?
check "export - writes CSV with ';' and neutralised formulas" \
  bash -c '[ '$rc' -eq 0 ] && grep -q "^identity;name" <<<"${1#$'"'"'\xEF\xBB\xBF'"'"'}" && grep -q "\"'"'"'=HYPERLINK" <<<"$1"' _ "$out"
r export "$dir/out.csv" 2>/dev/null
check "export CSV file, mode 0600" test "$(stat -c %a "$dir/out.csv")" = 600
r export "$dir/out.xlsx" 2>/dev/null
check "export XLSX file, mode 0600" test "$(stat -c %a "$dir/out.xlsx")" = 600 -a "$(head -c 2 "$dir/out.xlsx")" = PK

# Into a new roster: XLSX, then the same CSV again (all unchanged)
db2="$dir/r2.sqlite"
out=$("$cli" roster --roster "$db2" import "$dir/out.xlsx"); rc=$?
check "import XLSX: 3 added" bash -c '[ '$rc' -eq 0 ] && grep -q "3 to add" <<<"$1"' _ "$out"
out=$("$cli" roster --roster "$db2" import --json "$dir/out.csv"); rc=$?
check "import the CSV export: all unchanged" bash -c '[ '$rc' -eq 0 ] && grep -q "\"unchanged\" : 3" <<<"$1"' _ "$out"
out=$("$cli" roster --roster "$db2" show --json U12345678)
check "the formula cell came back as text" bash -c 'grep -q "\"notes\" : \"=HYPERLINK" <<<"$1"' _ "$out"

# windows-1254, ';', Turkish headers, a bad row
printf 'Kimlik No;Ad Soyad;Birim\r\n45678912316;\xC7A\xD0RI \xD6ZG\xDCR;\xDEube\r\n12345678951;YANLI\xDE;\r\n' > "$dir/tr.csv"
out=$(r import --dry-run "$dir/tr.csv"); rc=$?
check "import --dry-run: exit 3 (a refused row), reason shown" \
  bash -c '[ '$rc' -eq 3 ] && grep -q "line 3: refused" <<<"$1" && grep -q "check digits" <<<"$1"' _ "$out"
r show 45678912316 >/dev/null 2>&1
check "--dry-run wrote nothing" test $? -eq 6
r import "$dir/tr.csv" >/dev/null
out=$(r show --json 45678912316)
check "import windows-1254: the good row is in, Turkish letters intact" \
  bash -c 'grep -q "ÇAĞRI ÖZGÜR" <<<"$1" && grep -q "\"unit\" : \"Şube\"" <<<"$1"' _ "$out"

out=$(r remove 45678912316); rc=$?
check "remove: exit 0" test $rc -eq 0
r remove 45678912316 >/dev/null 2>&1
check "remove again: exit 6" test $? -eq 6
out=$(r prune --months 0); rc=$?
check "prune: nobody done, nobody removed" bash -c '[ '$rc' -eq 0 ] && grep -q "^0 " <<<"$1"' _ "$out"

exit $failed
