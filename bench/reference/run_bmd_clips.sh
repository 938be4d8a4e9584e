#!/usr/bin/env bash
# BMD-shaped video extraction, BBScore.NET against PyTorch, one side after the other on the same N clips:
#
#   bench/reference/run_bmd_clips.sh [N]          # N clips, default 1102 (the whole BOLD Moments set)
#
# Environment: BATCH (clips per batch, both sides; default 4, the original's BMD default), DEPTH (TimeSformer
# blocks, default 2), REPEATS (model-only repeats, default 3), PARTS (default decode,resnet18,timesformer),
# IMAGE_MODEL (builtin: the built-in resnet18, a CNTK export with 3 blocks in its last stage, ~4.6 GFLOP per frame;
# torchvision: torchvision's resnet18 exported by tools/export_onnx.py, 3.64 GFLOP, the very network PyTorch runs,
# with its resize-256 + centre-crop-224 preprocessing on both sides; default builtin),
# PY_FRAME_CHUNK (PyTorch resnet18 frames per forward pass; default all B*30 at once, as the original),
# LOCK (command prefix that keeps builds off the machine while timing; default flock /tmp/bbscore-build.lock).
#
# Untimed preparation first: build, the clip corpus (once per machine, ~5 min for 1102 clips on 2 cores) and the
# ONNX graph. Then the C# run, then the PyTorch run, each printing its JSON lines, then one ratio line per part:
# ours / PyTorch clips per second, end to end and model only. Both sides run with the machine's OpenBLAS
# overrides unset (docs/PERFORMANCE.md). Rates barely depend on N past a few batches; on 2 cores a full 1102-clip
# run takes roughly 25 min (C#) + 60 min (PyTorch, whose resnet18 runs 120-frame batches slowly), N=200 about a fifth.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${1:-1102}
BATCH=${BATCH:-4}
DEPTH=${DEPTH:-2}
REPEATS=${REPEATS:-3}
PARTS=${PARTS:-decode,resnet18,timesformer}
IMAGE_MODEL=${IMAGE_MODEL:-builtin}
LOCK=${LOCK-flock /tmp/bbscore-build.lock}
PY=/usr/bin/python3
BENCH="dotnet bench/BBScore.Bench/bin/Release/net10.0/linux-x64/BBScore.Bench.dll"
QUIET_BLAS=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
GRAPH="$HOME/.cache/bbscore-bench/timesformer-depth$DEPTH/model.onnx"
TORCHVISION="$HOME/.cache/bbscore-bench/resnet18-torchvision/model.onnx"
case "$IMAGE_MODEL" in
    builtin) OURS_IMAGE=(--image-model resnet18); PY_IMAGE=() ;;
    torchvision) OURS_IMAGE=(--image-model "$TORCHVISION"); PY_IMAGE=(--resnet-crop) ;;
    *) echo "IMAGE_MODEL must be builtin or torchvision" >&2; exit 2 ;;
esac

$LOCK dotnet build -c Release bench/BBScore.Bench -v q -nologo >&2
$LOCK $BENCH bmd-clips --corpus-only --clips "$N" >&2
[ -f "$GRAPH" ] || $PY bench/reference/make_timesformer_onnx.py --depth "$DEPTH" --out "$GRAPH" >&2
if [ "$IMAGE_MODEL" = torchvision ] && [ ! -f "$TORCHVISION" ]; then
    # Exported (graph + preprocessor_config.json) into a side folder and renamed into place: a cut export is never reused.
    folder=$(dirname "$TORCHVISION")
    rm -rf "$folder.partial"
    $PY tools/export_onnx.py --source torchvision --name resnet18 --random-weights --out "$folder.partial/model.onnx" >&2
    rm -rf "$folder" && mv "$folder.partial" "$folder"
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$LOCK "${QUIET_BLAS[@]}" $BENCH bmd-clips --clips "$N" --batch "$BATCH" --depth "$DEPTH" --clip-model "$GRAPH" \
    --repeats "$REPEATS" --parts "$PARTS" "${OURS_IMAGE[@]}" | tee "$out/ours.jsonl"
$LOCK "${QUIET_BLAS[@]}" $PY bench/reference/bmd_clips_reference.py --clips "$N" --batch "$BATCH" --depth "$DEPTH" \
    --repeats "$REPEATS" --parts "$PARTS" "${PY_IMAGE[@]}" ${PY_FRAME_CHUNK:+--frame-chunk "$PY_FRAME_CHUNK"} | tee "$out/pytorch.jsonl"

$PY - "$out/ours.jsonl" "$out/pytorch.jsonl" <<'EOF'
import json, sys
ours, theirs = ({l["part"]: l for l in map(json.loads, open(p)) if l.get("workload") == "bmd_clips"} for p in sys.argv[1:])
for part in ours:
    if part not in theirs:
        continue
    a, b = ours[part], theirs[part]
    if a.get("features_per_clip") != b.get("features_per_clip"):
        print(f"warning: {part}: features per clip differ ({a.get('features_per_clip')} vs {b.get('features_per_clip')})", file=sys.stderr)
    line = {"ratio": "bmd_clips", "part": part, "clips": a["clips"], "batch_size": a["batch_size"],
            "ours_clips_per_second": a["clips_per_second"], "pytorch_clips_per_second": b["clips_per_second"],
            "ours_over_pytorch": round(a["clips_per_second"] / b["clips_per_second"], 2)}
    if "model_only_clips_per_second" in a:
        line["model_only_ours_over_pytorch"] = round(a["model_only_clips_per_second"] / b["model_only_clips_per_second"], 2)
    print(json.dumps(line))
EOF
