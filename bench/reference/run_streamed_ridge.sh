#!/usr/bin/env bash
# The streamed ridge bench of docs/PERFORMANCE.md: generates the TVSD-shaped feature file once (~18 GB under
# ${BBSCORE_BENCH_DIR:-/tmp/bbscore-streamed-ridge}), then times BBScore.NET and the numpy reference on it, each in a
# process of its own (whole-process wall time and peak RSS from /usr/bin/time). Extra arguments (e.g. --ntrain 8000
# --features 50000) change the shape for both. Run on a quiet machine: nothing else heavy at the same time.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${BBSCORE_BENCH_DIR:-/tmp/bbscore-streamed-ridge}"
ntrain=22248; ntest=100; features=200704; targets=512
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --ntrain) ntrain="${args[i+1]}" ;; --ntest) ntest="${args[i+1]}" ;;
    --features) features="${args[i+1]}" ;; --targets) targets="${args[i+1]}" ;;
  esac
done
dotnet build -c Release bench/BBScore.Bench >/dev/null
bench=(env -u OPENBLAS_CORETYPE dotnet bench/BBScore.Bench/bin/Release/net10.0/linux-x64/BBScore.Bench.dll streamed-ridge --dir "$dir" "$@")
"${bench[@]}" --generate-only
stem="$dir/tvsd-$ntrain-$ntest-$features-$targets-s0"
[ -f "$stem-x.npy" ] || exit 0 # skipped: not enough disk (the line above says so)
/usr/bin/time -f '{"process": "bbscore", "wall_s": %e, "max_rss_KiB": %M}' "${bench[@]}"
OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-$(nproc)}" /usr/bin/time -f '{"process": "numpy", "wall_s": %e, "max_rss_KiB": %M}' \
  /usr/bin/python3 bench/reference/streamed_ridge_reference.py --features "$stem-x.npy" --targets "$stem-y.npy" --ntrain "$ntrain"
