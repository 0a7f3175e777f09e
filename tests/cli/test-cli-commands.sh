#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# eimza-yenile-cli: the command table, check-id and parse-email, exit codes,
# JSON, and the access password never printed.  TAP output.
# Usage: test-cli-commands.sh CLI
set -u
cli=$1
n=0 failed=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); echo "not ok $n - $1"; failed=1; }
check () { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}

out=$("$cli" --help); rc=$?
check "--help lists the commands and exit codes" \
  test $rc -eq 0 -a -n "$(grep -e 'renew' <<<"$out")" -a -n "$(grep -e '130' <<<"$out")"
"$cli" no-such-command >/dev/null 2>&1
check "unknown command: exit 2" test $? -eq 2

out=$("$cli" check-id 12345678950); rc=$?
check "check-id valid T.C. Kimlik No: exit 0" test $rc -eq 0
out=$("$cli" check-id 12345678951); rc=$?
check "check-id wrong check digit: exit 3" test $rc -eq 3
out=$("$cli" check-id --json " 123 456 789 50 "); rc=$?
check "check-id --json normalises" \
  test $rc -eq 0 -a -n "$(grep -e '"normalized" *: *"12345678950"' <<<"$out")"
out=$("$cli" check-id --json U12345678); rc=$?
check "check-id --json passport" test $rc -eq 0 -a -n "$(grep -e '"passport"' <<<"$out")"
"$cli" check-id >/dev/null 2>&1
check "check-id without ID: exit 2" test $? -eq 2

mail='From: bilgilendirme@kamusm.gov.tr
Subject: Nitelikli Elektronik Sertifika Başvurusu

Sayın AYŞE YILMAZ,

Bu e-posta IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ için kullanılacak; nitelikli elektronik sertifika başvurunuz içindir.
Başvuru Formu Erişim Parolanız : Ab3kT9qz
Başvuru Formu Erişim Adresiniz : https://basvuru.kamusm.gov.tr/bs/login.go
'
out=$(printf '%s' "$mail" | "$cli" parse-email); rc=$?
check "parse-email reads the mail: exit 0" test $rc -eq 0 -a -n "$(grep -e 'AYŞE YILMAZ' <<<"$out")"
check "parse-email never prints the password" test -z "$(grep -e 'Ab3kT9qz' <<<"$out")"
out=$(printf '%s' "$mail" | "$cli" parse-email --json); rc=$?
check "parse-email --json" \
  test $rc -eq 0 -a -n "$(grep -e '"password_found" *: *true' <<<"$out")" -a -z "$(grep -e 'Ab3kT9qz' <<<"$out")"
# JSON is UTF-8 whatever the locale: a C locale must not turn the Turkish letters into '?'.
out=$(printf '%s' "$mail" | LC_ALL=C "$cli" parse-email --json); rc=$?
check "parse-email --json under LC_ALL=C keeps UTF-8" \
  test $rc -eq 0 -a -n "$(grep -e '"AYŞE YILMAZ"' <<<"$out")"
out=$(LC_ALL=C "$cli" check-id --json U12345678); rc=$?
check "check-id --json is indented like every --json" \
  test $rc -eq 0 -a "$(grep -c . <<<"$out")" -gt 1
out=$(printf 'Sayın X,\nParolanız : abc\nhttps://basvuru.kamusm.gov.tr.evil.example/bs/login.go\n' | "$cli" parse-email); rc=$?
check "parse-email refuses a look-alike link: exit 3" test $rc -eq 3

# The site connection options of renew (nothing is contacted: all refused first)
out=$("$cli" renew --allow-http --identity 12345678950 </dev/null 2>&1); rc=$?
check "renew --allow-http is gone: exit 2" test $rc -eq 2
out=$("$cli" renew --pin-cert /nonexistent.pem --identity 12345678950 </dev/null 2>&1); rc=$?
check "renew --pin-cert without --site-url: exit 2, says why" \
  test $rc -eq 2 -a -n "$(grep -e '--site-url' <<<"$out")"
out=$("$cli" renew --ca /nonexistent.pem --identity 12345678950 </dev/null 2>&1); rc=$?
check "renew --ca without --site-url: exit 2, says why" \
  test $rc -eq 2 -a -n "$(grep -e '--site-url' <<<"$out")"
out=$("$cli" renew --site-url http://127.0.0.1:9/bs/ --identity 12345678950 </dev/null 2>&1); rc=$?
check "renew refuses a plain http site: exit 2" \
  test $rc -eq 2 -a -n "$(grep -e 'https' <<<"$out")"

# pending: the notes of applications signed but not confirmed, in a home of their
# own. An old single pending-application.ini (before notes per mode and person) is
# moved into the real mode's notes on the first look, then gone.
home=$(mktemp -d "${TMPDIR:-/tmp}/ey-pending-XXXXXX")
trap 'rm -rf "$home"' EXIT
export XDG_STATE_HOME="$home/state"
mkdir -p "$XDG_STATE_HOME/eimza-yenile"
hash=$(printf '%s' '5eed:12345678950' | sha256sum | cut -d' ' -f1)
printf '[pending]\nsalt=5eed\nidentity-hash=%s\nname=AYŞE YILMAZ\norder=/bs/siparis.go?id=1001\npath=eonay\ncreated=2026-11-24T09:00:00Z\n' \
  "$hash" >"$XDG_STATE_HOME/eimza-yenile/pending-application.ini"
out=$("$cli" pending list --json); rc=$?
id=$(sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p' <<<"$out")
check "pending list --json: the old note moved into the real notes, no identity number" \
  test $rc -eq 0 -a -n "$id" -a -n "$(grep -e '"name" *: *"AYŞE YILMAZ"' <<<"$out")" \
  -a -z "$(grep -e '12345678950' <<<"$out")" -a -z "$(grep -e "$hash" <<<"$out")" \
  -a ! -e "$XDG_STATE_HOME/eimza-yenile/pending-application.ini" \
  -a -f "$XDG_STATE_HOME/eimza-yenile/pending-real/$id.ini"
out=$("$cli" pending list); rc=$?
check "pending list names it, its ID and that it has NOT reached KamuSM" \
  test $rc -eq 0 -a -n "$(grep -e "$id" <<<"$out")" -a -n "$(grep -e 'NOT' <<<"$out")"
out=$("$cli" pending list --demo --json); rc=$?
check "pending list --demo: the real note is not the demo's" \
  test $rc -eq 0 -a -z "$(grep -e '"id"' <<<"$out")"
out=$(echo n | "$cli" pending forget "$id" 2>&1); rc=$?
check "pending forget, answered no: exit 130, says the consequence, the note stays" \
  test $rc -eq 130 -a -n "$(grep -e 'NOT reached KamuSM' <<<"$out")" \
  -a -n "$(grep -e 'sign again' <<<"$out")" -a -f "$XDG_STATE_HOME/eimza-yenile/pending-real/$id.ini"
out=$("$cli" pending forget "$id" </dev/null 2>&1); rc=$?
check "pending forget at the end of input: exit 130, the note stays" \
  test $rc -eq 130 -a -f "$XDG_STATE_HOME/eimza-yenile/pending-real/$id.ini"
out=$("$cli" pending forget no-such-id --yes 2>&1); rc=$?
check "pending forget of an unknown ID: exit 2" test $rc -eq 2
"$cli" pending frobnicate >/dev/null 2>&1
check "pending with an unknown subcommand: exit 2" test $? -eq 2
out=$(echo y | "$cli" pending forget "$id" 2>&1); rc=$?
check "pending forget, answered yes: exit 0, the note is gone" \
  test $rc -eq 0 -a ! -e "$XDG_STATE_HOME/eimza-yenile/pending-real/$id.ini"
printf '[pending]\nsalt=5eed\nidentity-hash=%s\nname=AYŞE YILMAZ\norder=o\npath=eonay\ncreated=2026-11-24T09:00:00Z\n' \
  "$hash" >"$XDG_STATE_HOME/eimza-yenile/pending-application.ini"
"$cli" pending list >/dev/null
out=$("$cli" pending forget --yes "$id" </dev/null 2>&1); rc=$?
check "pending forget --yes: no question, exit 0, nothing left" \
  test $rc -eq 0 -a -z "$(grep -e '\[y/N\]' <<<"$out")" \
  -a -z "$(ls "$XDG_STATE_HOME/eimza-yenile/pending-real/" | grep -e '\.ini$')"

# The plan comes last: a check that is never reached is still a failure.
echo "1..$n"
exit $failed
