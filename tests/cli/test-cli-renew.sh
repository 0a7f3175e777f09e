#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# eimza-yenile-cli renew against a kamusm-sim process, driven by expect:
# the E-Onay path (signed with a SoftHSM token through the token layer), the wet path under tr_TR.UTF-8, and no
# secret in the output even with G_MESSAGES_DEBUG=all.  TAP output.
# Usage: test-cli-renew.sh CLI KAMUSM_SIM PKI_DIR SOURCE_DIR MAKE_TOKEN
set -u
cli=$1 sim=$2 pki=$3 src=$4 make_token=$5
work=$(mktemp -d "${TMPDIR:-/tmp}/ey-cli-test-XXXXXX")
sim_pid=
cleanup () {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

echo "1..11"
n=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); echo "not ok $n - $1"; failed=1; }
failed=0

"$sim" --port 0 --captcha K7M2Q --control --trust-ca "$pki/ca.pem" \
  --log "$work/state.log" --sms-file "$work/sms.jsonl" --ready-file "$work/ready" \
  >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
url=$(awk '/^URL /{print $2}' "$work/sim.out")
cert=$(awk '/^CERT /{print $2}' "$work/sim.out")
if [ -z "$url" ] || [ ! -f "$cert" ]; then
  echo "Bail out! kamusm-sim did not start: $(cat "$work/sim.err")"
  exit 1
fi

# Ayşe's card: her key and certificate on a SoftHSM2 token (PIN 918273)
if ! "$make_token" "$work/hsm" AYSE 918273 "$pki/ayse-rsa.p8" "$pki/ayse-rsa.pem" >"$work/token.log" 2>&1; then
  echo "Bail out! could not make the token: $(cat "$work/token.log")"
  exit 1
fi
export SOFTHSM2_CONF="$work/hsm/softhsm2.conf"

# 1-3: E-Onay path with every debug message on
G_MESSAGES_DEBUG=all expect -f "$src/tests/cli/renew.exp" "$cli" "$url" "$cert" 12345678950 \
  Ab3kT9qz "$work/sms.jsonl" 918273 eonay "$work" >"$work/eonay.out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then ok "renew (E-Onay) exits 0"; else not_ok "renew (E-Onay) exit $rc"; sed 's/^/# /' "$work/eonay.out" | tail -40; fi
if grep -q '"event":"application-submitted".*"method":"eonayli"' "$work/state.log"; then
  ok "the simulator received the E-Onaylı application"
else
  not_ok "no application-submitted method=eonayli in the state log"
fi
# The secrets: the password, every SMS code sent, the security word
leak=0
for secret in Ab3kT9qz gizli-sozcuk 918273 $(sed -n 's/.*"code":"\([0-9]*\)".*/\1/p' "$work/sms.jsonl"); do
  if grep -qF -- "$secret" "$work/eonay.out"; then leak=1; echo "# leaked: a secret of length ${#secret}"; fi
done
if [ $leak -eq 0 ] && grep -q 'step sign-in .* orders' "$work/eonay.out"; then
  ok "no secret in the debug output"
else
  not_ok "secret in the output (or no debug output captured)"
fi

# 4-5: the wet path, under the Turkish locale
: >"$work/sms.jsonl"
LC_ALL=tr_TR.UTF-8 expect -f "$src/tests/cli/renew.exp" "$cli" "$url" "$cert" 34567891238 \
  Fq4nR8ty "$work/sms.jsonl" - wet "$work" >"$work/wet.out" 2>&1
rc=$?
if [ $rc -eq 0 ] && head -c 5 "$work/form.pdf" | grep -q '%PDF-'; then
  ok "renew --wet (tr_TR.UTF-8) saves the form"
else
  not_ok "renew --wet exit $rc"; sed 's/^/# /' "$work/wet.out" | tail -40
fi
if grep -q '"event":"application-submitted".*"method":"islak"' "$work/state.log"; then
  ok "the simulator counted the wet application"
else
  not_ok "no application-submitted method=islak in the state log"
fi

# 6: a site the client must not trust (no pin): exit 4, nothing sent
"$cli" renew --site-url "$url" --identity 12345678950 --recovery-file "$work/p.ini" \
  </dev/null >"$work/untrusted.out" 2>&1
rc=$?
if [ $rc -eq 4 ]; then ok "untrusted certificate: exit 4"; else not_ok "untrusted: exit $rc"; sed 's/^/# /' "$work/untrusted.out"; fi

# 7-9: kill -9 right after the signature was accepted, then a fresh start:
# exactly one application, no second PIN. A simulator of its own (Ayşe's
# application above went through) failing on the method page at first.
kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null
: >"$work/sms.jsonl"; rm -f "$work/ready" "$work/pending.ini"
"$sim" --port 0 --captcha K7M2Q --control --trust-ca "$pki/ca.pem" \
  --log "$work/kill.log" --sms-file "$work/sms.jsonl" --ready-file "$work/ready" \
  --fault http500:imzayontemi.go:0 >"$work/sim2.out" 2>"$work/sim2.err" &
sim_pid=$!
for _ in $(seq 1 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
url=$(awk '/^URL /{print $2}' "$work/sim2.out")
cert=$(awk '/^CERT /{print $2}' "$work/sim2.out")
expect -f "$src/tests/cli/renew-kill.exp" "$cli" "$url" "$cert" 12345678950 Ab3kT9qz \
  "$work/sms.jsonl" 918273 "$work" "$work/kill.log" sign >"$work/kill.out" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ -s "$work/pending.ini" ]; then
  ok "killed after the accepted signature: the note stays"
else
  not_ok "kill phase exit $rc"; sed 's/^/# /' "$work/kill.out" | tail -30
fi
base=${url%/bs/}
curl -skf -X POST --data 'kind=clear' "$base/_sim/fault" >/dev/null || echo "# could not clear the faults"
expect -f "$src/tests/cli/renew-kill.exp" "$cli" "$url" "$cert" 12345678950 Ab3kT9qz \
  "$work/sms.jsonl" 918273 "$work" "$work/kill.log" resume >"$work/resume.out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
  ok "a fresh start finishes it without a PIN"
else
  not_ok "resume exit $rc"; sed 's/^/# /' "$work/resume.out" | tail -30
fi
subs=$(grep -c '"event":"application-submitted"' "$work/kill.log")
accepted=$(grep -c '"event":"signature-accepted"' "$work/kill.log")
if [ "$subs" -eq 1 ] && [ "$accepted" -eq 1 ] && [ ! -e "$work/pending.ini" ]; then
  ok "exactly one application and one signature; the note is gone"
else
  not_ok "applications $subs, signatures $accepted, note $(ls "$work/pending.ini" 2>&1)"
fi

# 10-11: "no" to "Try again?" and SIGTERM after the accepted signature: both say
# the application has NOT reached KamuSM and how to finish it.
for phase in decline term; do
  kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null
  : >"$work/sms.jsonl"; rm -f "$work/ready" "$work/pending.ini"
  "$sim" --port 0 --captcha K7M2Q --control --trust-ca "$pki/ca.pem" \
    --log "$work/$phase.log" --sms-file "$work/sms.jsonl" --ready-file "$work/ready" \
    --fault http500:imzayontemi.go:0 >"$work/sim-$phase.out" 2>"$work/sim-$phase.err" &
  sim_pid=$!
  for _ in $(seq 1 100); do [ -s "$work/ready" ] && break; sleep 0.1; done
  url=$(awk '/^URL /{print $2}' "$work/sim-$phase.out")
  cert=$(awk '/^CERT /{print $2}' "$work/sim-$phase.out")
  expect -f "$src/tests/cli/renew-kill.exp" "$cli" "$url" "$cert" 12345678950 Ab3kT9qz \
    "$work/sms.jsonl" 918273 "$work" "$work/$phase.log" $phase >"$work/$phase.out" 2>&1
  rc=$?
  if [ $rc -eq 0 ] && [ -s "$work/pending.ini" ]; then
    ok "$phase after the accepted signature: says it did not arrive; the note stays"
  else
    not_ok "$phase exit $rc"; sed 's/^/# /' "$work/$phase.out" | tail -30
  fi
done

exit $failed
