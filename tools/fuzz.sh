#!/usr/bin/env bash
# Fuzzes BBScore's file readers with AFL++ through the SharpFuzz harness tests/BBScore.Fuzz.
#
#   tools/fuzz.sh READER MINUTES    fuzz one reader (names: tools/fuzz.sh list)
#   tools/fuzz.sh all MINUTES       every reader, MINUTES split evenly between them
#   tools/fuzz.sh selftest          checks that a crash, a hang and an allocation blow-up are reported
#   tools/fuzz.sh replay            every saved finding (tests/BBScore.Fuzz/findings) must now be refused cleanly
#   tools/fuzz.sh list              the reader names
# MINUTES may be fractional (0.5) or given in seconds with an "s" suffix (20s).
#
# Steps: Release build; a copy of the output in $FUZZ_OUT/bin with BBScore.dll (and the parsing
# libraries it uses) instrumented by the sharpfuzz tool from .config/dotnet-tools.json; seed corpora
# built from tests/BBScore.Tests/Fixtures ($FUZZ_OUT/corpus/READER); afl-fuzz for the given time
# ($FUZZ_OUT/runs/READER). For each reader one machine-readable line:
#   fuzz: reader=npy seconds=60 execs=4200 execs_per_sec=70.1 crashes=2 hangs=0 corpus=31 status=crash
# Crashing and hanging inputs are copied to $FUZZ_OUT/findings/READER/ with triage.tsv (exception type
# and top frame per input). Exit status: 0 when no reader crashed or hung, 1 when one did, 2 on a
# usage or setup error.
#
# Environment: FUZZ_OUT (default out/fuzz), FUZZ_TIMEOUT_MS (afl -t per input, default 5000; torch, torch-legacy and
# safetensors 10000), FUZZ_HEAP_LIMIT (DOTNET_GCHeapHardLimit, default 0x40000000 = 1 GiB: a bigger managed
# allocation is an OutOfMemoryException, i.e. a crash), FUZZ_FILE_LIMIT_KB (ulimit -f while fuzzing,
# default 262144 = 256 MiB: an archive that extracts more is a crash), FUZZ_INPROCESS=1 (SharpFuzz's
# in-process Fuzzer.Run instead of Fuzzer.OutOfProcess.Run), FUZZ_SKIP_BUILD=1 (reuse $FUZZ_OUT/bin).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
target=$1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=${FUZZ_OUT:-out/fuzz}
mkdir -p "$out"
out=$(cd "$out" && pwd)
build_dir=$root/tests/BBScore.Fuzz/bin/Release/net10.0/linux-x64
bin=$out/bin
harness=(dotnet "$bin/BBScore.Fuzz.dll")
plain=(dotnet "$build_dir/BBScore.Fuzz.dll") # uninstrumented: listing, seeds, triage

build() {
  if [ "${FUZZ_SKIP_BUILD:-}" = 1 ] && [ -f "$bin/.instrumented" ]; then return 0; fi
  echo "fuzz: building tests/BBScore.Fuzz (Release)" >&2
  dotnet build tests/BBScore.Fuzz -c Release -nologo -v quiet >"$out/build.log" 2>&1 \
    || { cat "$out/build.log" >&2; echo "fuzz: build failed" >&2; exit 2; }
  dotnet tool restore >/dev/null || { echo "fuzz: dotnet tool restore (sharpfuzz) failed" >&2; exit 2; }
  # A fresh copy (hard links: the output is ~600 MB of native libraries) whose assemblies to fuzz are
  # real copies, instrumented in place; the build output itself stays uninstrumented.
  rm -rf "$bin"
  cp -al "$build_dir" "$bin" 2>/dev/null || cp -a "$build_dir" "$bin"
  local dll
  for dll in BBScore.dll Razorvine.Pickle.dll PureHDF.dll ICSharpCode.SharpZipLib.dll TorchSharp.PyBridge.dll; do
    rm -f "$bin/$dll"
    cp "$build_dir/$dll" "$bin/$dll"
    if ! dotnet tool run sharpfuzz "$bin/$dll" >"$out/instrument-$dll.log" 2>&1; then
      cat "$out/instrument-$dll.log" >&2
      if [ "$dll" = BBScore.dll ]; then echo "fuzz: instrumenting BBScore.dll failed" >&2; exit 2; fi
      echo "fuzz: warning: could not instrument $dll; its branches are not coverage-guided" >&2
      cp "$build_dir/$dll" "$bin/$dll"
    fi
  done
  touch "$bin/.instrumented"
}

seconds_of() { # MINUTES | Ns -> whole seconds
  case $1 in
    *s) echo "${1%s}" ;;
    *) awk -v m="$1" 'BEGIN { printf "%d\n", m * 60 }' ;;
  esac
}

stat_of() { # FILE KEY
  sed -nE "s/^$2 +: *([^ ]+).*/\1/p" "$1" 2>/dev/null | head -n 1
}

# fuzz_one READER SECONDS [CORPUS_DIR]: prints the fuzz: line; returns 0 clean, 1 crash/hang, 2 error.
fuzz_one() {
  local reader=$1 secs=$2 corpus=${3:-$out/corpus/$1}
  local run=$out/runs/$reader findings=$out/findings/$reader
  rm -rf "$run" "$findings" "$out/tmp/$reader"
  mkdir -p "$run" "$findings" "$out/tmp/$reader"
  local timeout_ms=${FUZZ_TIMEOUT_MS:-5000}
  case $reader in torch|torch-legacy|safetensors) timeout_ms=${FUZZ_TIMEOUT_MS:-10000} ;; esac
  local started=$SECONDS
  (
    ulimit -f "${FUZZ_FILE_LIMIT_KB:-262144}"
    export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 \
      AFL_NO_AFFINITY=1 AFL_FORKSRV_INIT_TMOUT=60000 AFL_TMPDIR="$out/tmp/$reader" \
      DOTNET_GCHeapHardLimit=${FUZZ_HEAP_LIMIT:-0x40000000} DOTNET_TieredPGO=0 \
      BBSCORE_FUZZ_TMP="$out/tmp/$reader" BBSCORE_FUZZ_INPROCESS=${FUZZ_INPROCESS:-0}
    # afl's -V stops fuzzing after secs; the outer timeout only guards against afl itself stalling.
    timeout -k 10 $((secs + 120)) afl-fuzz -V "$secs" -t "$timeout_ms" -m none -i "$corpus" -o "$run" \
      -- "${harness[@]}" "$reader"
  ) >"$run.log" 2>&1
  local afl_status=$?
  local stats=$run/default/fuzzer_stats
  if [ ! -f "$stats" ]; then
    echo "fuzz: reader=$reader seconds=$((SECONDS - started)) execs=0 execs_per_sec=0 crashes=0 hangs=0 corpus=0 status=error"
    echo "fuzz: afl-fuzz did not start for $reader (exit $afl_status); the end of $run.log:" >&2
    tail -n 25 "$run.log" >&2
    return 2
  fi
  local execs eps crashes hangs corpus_count
  execs=$(stat_of "$stats" execs_done)
  eps=$(awk -v e="$execs" -v s="$(stat_of "$stats" run_time)" 'BEGIN { printf "%.1f", (s > 0 ? e / s : 0) }')
  crashes=$(stat_of "$stats" saved_crashes); [ -n "$crashes" ] || crashes=$(stat_of "$stats" unique_crashes)
  hangs=$(stat_of "$stats" saved_hangs); [ -n "$hangs" ] || hangs=$(stat_of "$stats" unique_hangs)
  corpus_count=$(stat_of "$stats" corpus_count); [ -n "$corpus_count" ] || corpus_count=$(stat_of "$stats" paths_total)
  local n=0 f kind
  for kind in crashes hangs; do
    for f in "$run"/default/"$kind"/id:*; do
      [ -f "$f" ] || continue
      n=$((n + 1))
      cp "$f" "$findings/${kind%es}-$(printf %03d $n)-$(sha256sum "$f" | cut -c1-8)"
    done
  done
  local status=ok
  if [ "${crashes:-0}" -gt 0 ] || [ "${hangs:-0}" -gt 0 ]; then status=crash; fi
  if [ "$afl_status" -ne 0 ] && [ "$afl_status" -ne 124 ]; then
    # afl-fuzz aborts when the harness dies outright (e.g. in-process mode on a hang or stack overflow).
    status=error
    cp "$run/default/.cur_input" "$findings/abort-cur_input" 2>/dev/null
    echo "fuzz: afl-fuzz exited with $afl_status for $reader; the end of $run.log:" >&2
    tail -n 15 "$run.log" >&2
  fi
  if [ "$n" -gt 0 ]; then triage "$reader" "$findings"; fi
  echo "fuzz: reader=$reader seconds=$((SECONDS - started)) execs=${execs:-0} execs_per_sec=$eps crashes=${crashes:-0} hangs=${hangs:-0} corpus=${corpus_count:-0} status=$status"
  case $status in ok) return 0 ;; crash) return 1 ;; *) return 2 ;; esac
}

# triage READER DIR: DIR/triage.tsv gets one line per finding (exception type and top frame, or "hang"),
# DIR/distinct.txt the distinct exception type + frame pairs with their counts.
triage() {
  local reader=$1 dir=$2 f rc count=0
  : >"$dir/triage.tsv"
  for f in "$dir"/crash-* "$dir"/hang-* "$dir"/abort-*; do
    [ -f "$f" ] || continue
    count=$((count + 1))
    [ "$count" -le 60 ] || { echo "(only the first 60 findings are triaged)" >>"$dir/triage.tsv"; break; }
    BBSCORE_FUZZ_TMP="$out/tmp/$reader" DOTNET_GCHeapHardLimit=${FUZZ_HEAP_LIMIT:-0x40000000} \
      timeout -k 5 30 "${plain[@]}" triage "$reader" "$f" >>"$dir/triage.tsv" 2>/dev/null
    rc=$?
    if [ "$rc" -ge 124 ]; then printf '%s\thang: still running after 30 s\n' "$(basename "$f")" >>"$dir/triage.tsv"
    elif [ "$rc" -gt 1 ]; then printf '%s\tprocess died (exit %s): stack overflow or native crash?\n' "$(basename "$f")" "$rc" >>"$dir/triage.tsv"; fi
  done
  cut -f2 "$dir/triage.tsv" | sed -E 's/: .*//' | sort | uniq -c | sort -rn >"$dir/distinct.txt"
}

command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz not found (apt-get install -y afl++)" >&2; exit 2; }

case $target in
  list)
    build
    "${plain[@]}" list
    exit 0
    ;;
  replay)
    build
    # Every saved finding (tests/BBScore.Fuzz/findings/READER/*.bin) through its reader, uninstrumented,
    # under the same 1 GiB heap limit and a 30 s timeout: a regression check that the readers now refuse
    # each of them cleanly.
    worst=0
    for dir in tests/BBScore.Fuzz/findings/*/; do
      reader=$(basename "$dir")
      files=("$dir"*.bin)
      [ -e "${files[0]}" ] || continue
      bad=0
      for f in "${files[@]}"; do
        verdict=$(DOTNET_GCHeapHardLimit=0x40000000 timeout -k 5 30 "${plain[@]}" triage "$reader" "$f" 2>&1)
        rc=$?
        if [ "$rc" -ne 0 ]; then
          bad=$((bad + 1))
          [ "$rc" -ge 124 ] && verdict="$(basename "$f")	hang or killed (exit $rc)"
          echo "fuzz: replay $reader: $verdict" >&2
        fi
      done
      echo "fuzz: replay reader=$reader findings=${#files[@]} still_crashing=$bad"
      [ "$bad" -eq 0 ] || worst=1
    done
    exit $worst
    ;;
  selftest)
    build
    # Each must be reported: a thrown exception as a crash, an endless loop as a hang, a 4 GiB
    # allocation (over the 1 GiB heap limit) as a crash.
    worst=0
    for t in crash:C hang:H alloc:A; do
      name=${t%%:*}; letter=${t##*:}
      corpus=$out/corpus/selftest-$name
      rm -rf "$corpus"; mkdir -p "$corpus"; printf 'x%s' "$letter" >"$corpus/seed"
      line=$(FUZZ_TIMEOUT_MS=2000 fuzz_one "selftest-$name" 20 "$corpus")
      echo "$line"
      case $line in
        *status=crash*) ;;
        *) echo "fuzz: selftest-$name was not reported as a crash or hang" >&2; worst=2 ;;
      esac
    done
    exit $worst
    ;;
esac

[ $# -eq 2 ] || usage
total=$(seconds_of "$2")
build
if [ "$target" = all ]; then
  mapfile -t readers < <("${plain[@]}" list)
else
  readers=("$target")
fi
"${plain[@]}" seeds tests/BBScore.Tests/Fixtures "$out/corpus" $([ "$target" = all ] || echo "$target") >/dev/null \
  || { echo "fuzz: building the seed corpus failed" >&2; exit 2; }
per=$((total / ${#readers[@]}))
[ "$per" -ge 5 ] || per=5
worst=0
for reader in "${readers[@]}"; do
  fuzz_one "$reader" "$per"
  rc=$?
  [ "$rc" -gt "$worst" ] && worst=$rc
done
if [ "$worst" -ne 0 ]; then echo "fuzz: findings in $out/findings/" >&2; fi
exit $worst
