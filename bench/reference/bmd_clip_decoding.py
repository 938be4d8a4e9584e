"""Clip decoding and frame selection for bench/reference/bmd_clips_reference.py, the same steps as BBScore.NET:

* decode: ffprobe for size and rate, then ffmpeg to raw RGB frames at the native rate through a pipe
  (src/BBScore/Stimuli/Video/VideoFileDecoder.cs, same arguments). The original reads clips with decord, in
  process; a subprocess pipe is its honest stand-in here (decord is not packaged for Debian);
* BMD sampling: every max(round(fps / 10), 1)-th frame from the first, the first 30, the last repeated
  (src/BBScore/Datasets/Bmd/BmdFrameSampling.cs; Python's round() halves to even, as C#'s Math.Round);
* a clip model's frames: re-timed to the model's rate, then linspace-subsampled or padded to its frame count
  (src/BBScore/Stimuli/Video/ClipSampling.cs).
"""
import math
import os
import subprocess

import numpy as np

BMD_FRAMES, BMD_FPS, FALLBACK_FPS = 30, 10.0, 30.0
CLIPS_FOLDER = os.path.join("stimulus_set", "mp4_h264")


def corpus_root(cache=None):
    """The folder bench/BBScore.Bench/BmdClipCorpus.cs writes the clips under (recipe v1)."""
    base = cache or os.path.join(os.path.expanduser("~"), ".cache", "bbscore-bench")
    return os.path.join(base, "bmd-clips-v1")


def clip_paths(root, count):
    folder = os.path.join(root, CLIPS_FOLDER)
    paths = [os.path.join(folder, f"{i:04d}.mp4") for i in range(1, count + 1)]
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise SystemExit(f"{len(missing)} of {count} clips are missing under {folder} (first {missing[0]}); write them with "
                         f"`dotnet bench/BBScore.Bench/bin/Release/net10.0/linux-x64/BBScore.Bench.dll bmd-clips --corpus-only --clips {count}`")
    return paths


def _rate(text):
    try:
        numerator, _, denominator = text.partition("/")
        rate = float(numerator) / float(denominator or 1)
        return rate if math.isfinite(rate) and rate > 0 else None
    except (ValueError, ZeroDivisionError):
        return None


def probe(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                          "stream=width,height,avg_frame_rate,r_frame_rate:format=duration", "-of", "default=noprint_wrappers=1", path],
                         check=True, capture_output=True, stdin=subprocess.DEVNULL).stdout.decode()
    values = {}
    for line in out.splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key not in values:
            values[key] = value
    fps = _rate(values.get("avg_frame_rate", "")) or _rate(values.get("r_frame_rate", ""))
    return int(values["width"]), int(values["height"]), fps


def decode(path):
    """(frames uint8 (N, H, W, 3), fps): every frame of the first video stream, native rate and size."""
    width, height, fps = probe(path)
    raw = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-noautorotate", "-i", path, "-vsync", "passthrough",
                          "-an", "-pix_fmt", "rgb24", "-f", "rawvideo", "-"], check=True, capture_output=True, stdin=subprocess.DEVNULL).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, height, width, 3), fps


def bmd_sample(frames, fps):
    """The 30 frames (at 10 fps) of a BMD clip."""
    interval = max(int(round((fps if fps and math.isfinite(fps) else FALLBACK_FPS) / BMD_FPS)), 1)
    available = (len(frames) + interval - 1) // interval
    return frames[[min(i, available - 1) * interval for i in range(BMD_FRAMES)]]


def model_frame_indices(count, fps, model_fps, model_frames):
    """Indices into a clip of `count` frames at `fps` that a clip model of `model_frames` frames at `model_fps` sees."""
    indices = list(range(count))
    if model_fps is not None and abs(model_fps - fps) >= 1e-9:
        retimed = max(1, math.ceil(count / fps * model_fps - 1e-9))
        indices = [min(count - 1, math.floor(k / model_fps * fps + 1e-9)) for k in range(retimed)]
    if len(indices) > model_frames:
        return [indices[0 if model_frames == 1 else int(i * (len(indices) - 1) / (model_frames - 1))] for i in range(model_frames)]
    return [indices[min(i, len(indices) - 1)] for i in range(model_frames)]
