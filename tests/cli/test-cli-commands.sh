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
echo "1..15"

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

exit $failed
