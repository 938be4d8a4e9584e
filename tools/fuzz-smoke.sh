#!/usr/bin/env bash
# CI smoke fuzzing: every reader for FUZZ_SMOKE_SECONDS (default 15) under AFL++, after the harness
# self-test (a crash, a hang and an allocation blow-up must each be reported, so a broken harness
# cannot pass quietly). Installs afl++ with apt-get when afl-fuzz is missing. Fails (exit 1) on any
# crash or hang, 2 on a setup error; prints one "fuzz: reader=..." line per reader and a closing
# "fuzz-smoke: N passed, N failed" line. Findings: out/fuzz/findings/READER/ (see tools/fuzz.sh).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v afl-fuzz >/dev/null; then
  if command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null) \
      || { echo "fuzz-smoke: could not install afl++" >&2; exit 2; }
  else
    echo "fuzz-smoke: afl-fuzz not found and no apt-get to install it" >&2; exit 2
  fi
fi
per=${FUZZ_SMOKE_SECONDS:-15}
tools/fuzz.sh replay || { echo "fuzz-smoke: a saved finding still crashes its reader (see above)" >&2; exit 1; }
echo "fuzz-smoke: every saved finding is refused cleanly"
FUZZ_SKIP_BUILD=1 tools/fuzz.sh selftest >/dev/null || { echo "fuzz-smoke: the harness self-test failed: crashes are not being reported" >&2; exit 2; }
echo "fuzz-smoke: self-test passed (crash, hang and allocation blow-up are reported)"
readers=$(FUZZ_SKIP_BUILD=1 tools/fuzz.sh list) || exit 2
count=$(wc -w <<<"$readers")
log=$(mktemp)
FUZZ_SKIP_BUILD=1 tools/fuzz.sh all "$((per * count))s" | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -c 'status=ok' "$log")
failed=$(grep -c 'status=' "$log"); failed=$((failed - passed))
echo "fuzz-smoke: ${passed} passed, ${failed} failed"
rm -f "$log"
exit "$status"
