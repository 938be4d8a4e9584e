"""PyTorch reference for BBScore.NET's `bmd-clips` bench workload (bench/BBScore.Bench/BmdClipsWorkload.cs): the
same clips, sampling and networks, run the way the original BBScore runs BMD (spec §1.3, §3.2: no DataLoader
workers, so each batch is decoded in the main loop and then run; an image model sees the batch's B x 30 frames as
one (B*30, 3, 224, 224) forward pass; features are read with a forward hook on the named module).

Parts, each one JSON line with the C# side's field names (so run_bmd_clips.sh can form ratios):
* decode: ffprobe + ffmpeg decode (bmd_clip_decoding.py) and the BMD sampling alone;
* resnet18: torchvision resnet18, random weights (nothing downloaded; speed does not depend on the values),
  features of `layer4` for all 30 frames; frames resized to 224 x 224 (antialiased bilinear, as the built-in
  resnet18 resizes 256 -> 224; --resnet-crop: shorter side 256 and centre crop 224 instead, torchvision's
  evaluation transform, for an ONNX export of the torchvision network), ImageNet mean/std;
* timesformer: the TimeSformer-shaped module of make_timesformer_onnx.py (same depth and seed as the ONNX graph),
  8 frames chosen as the timesformer_base card says (re-timed to 32 fps, then linspace), resized to 224 x 224,
  mean 0.45 std 0.225, features of `encoder.layer.<depth-1>`.

Model only: the first batch decoded before the clock, preprocessing + forward pass (best of --repeats after a
warm-up). End to end: decode, sample, preprocess, run, and write each batch's features into a .npy memmap in a
temporary folder (BBScore.NET streams them into its feature cache), flushed at the end. peak_rss_mib is the whole
process's peak so far (ru_maxrss), not reset per part as the C# side does.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/reference/bmd_clips_reference.py \
        [--clips 1102] [--parts decode,resnet18,timesformer] [--batch 4] [--depth 2] [--threads 2] [--repeats 3]

Needs Debian's python3-torch and python3-torchvision, ffmpeg, and the clips bench/BBScore.Bench wrote
(`bmd-clips --corpus-only --clips N`).
"""
import argparse
import json
import os
import resource
import tempfile
import time

import numpy as np
import torch
import torchvision
import torchvision.transforms.functional as TF

import bmd_clip_decoding as clips_io
import make_timesformer_onnx as timesformer

IMAGENET_MEAN, IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
TIMESFORMER_FPS, TIMESFORMER_MEAN, TIMESFORMER_STD = 32.0, [0.45] * 3, [0.225] * 3


def to_tensor(frames):
    """uint8 (T, H, W, 3) -> uint8 (T, 3, H, W)."""
    return torch.from_numpy(np.ascontiguousarray(frames)).permute(0, 3, 1, 2)


def normalise(frames, mean, std):
    return TF.normalize(frames.float().div_(255), mean, std)


class ResNetPart:
    name, frames = "resnet18", clips_io.BMD_FRAMES

    def __init__(self, layer, crop):
        self.model, self.module, self.crop = torchvision.models.resnet18().eval(), layer, crop

    def inputs(self, batch):
        """A batch of sampled clips -> (B*30, 3, 224, 224), as the original flattens a static model's video input."""
        frames = torch.cat([to_tensor(f) for f, _ in batch])
        if self.crop:
            frames = TF.center_crop(TF.resize(frames, 256, antialias=True), 224)
        else:
            frames = TF.resize(frames, [224, 224], antialias=True)
        return normalise(frames, IMAGENET_MEAN, IMAGENET_STD)


class TimesformerPart:
    name, frames = "timesformer", timesformer.FRAMES

    def __init__(self, depth, seed, layer):
        self.model, self.module = timesformer.build(depth, seed), layer

    def inputs(self, batch):
        """A batch of sampled clips -> (B, 8, 3, 224, 224)."""
        clips = []
        for frames, fps in batch:
            chosen = frames[clips_io.model_frame_indices(len(frames), fps, TIMESFORMER_FPS, self.frames)]
            clips.append(normalise(TF.resize(to_tensor(chosen), [224, 224], antialias=True), TIMESFORMER_MEAN, TIMESFORMER_STD))
        return torch.stack(clips)


def load(path):
    """A sampled BMD clip: (30 frames, their rate)."""
    frames, fps = clips_io.decode(path)
    return clips_io.bmd_sample(frames, fps), clips_io.BMD_FPS


def batches(paths, size):
    for start in range(0, len(paths), size):
        yield paths[start:start + size]


def run(part, batch, frame_chunk=0):
    """Forward pass with a hook on the named module; its output, one flattened row per clip. frame_chunk > 0 runs an
    image model's B*30 frames that many at a time (not what the original does: PyTorch 1.13's CPU throughput falls at
    large batches, so this shows it at its best setting)."""
    captured = []
    handle = dict(part.model.named_modules())[part.module].register_forward_hook(lambda _m, _i, out: captured.append(out))
    try:
        inputs = part.inputs(batch)
        for chunk in (inputs.split(frame_chunk) if frame_chunk and isinstance(part, ResNetPart) else [inputs]):
            part.model(chunk)
    finally:
        handle.remove()
    return torch.cat(captured).reshape(len(batch), -1)


def model_only(part, paths, batch_size, repeats, frame_chunk):
    batch = [load(p) for p in paths[:batch_size]]
    run(part, batch, frame_chunk)  # warm-up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run(part, batch, frame_chunk)
        best = min(best, time.perf_counter() - start)
    return len(batch) / best


def end_to_end(part, paths, batch_size, frame_chunk):
    with tempfile.TemporaryDirectory(prefix="bbscore-bench-bmd-py-") as scratch:
        start = time.perf_counter()
        features, row = None, 0
        for chunk in batches(paths, batch_size):
            out = run(part, [load(p) for p in chunk], frame_chunk).numpy()
            if features is None:
                features = np.lib.format.open_memmap(os.path.join(scratch, "features.npy"), mode="w+", dtype=np.float32,
                                                     shape=(len(paths), out.shape[1]))
            features[row:row + len(chunk)] = out
            row += len(chunk)
        features.flush()
        seconds = time.perf_counter() - start
        width = features.shape[1]
        del features
    return seconds, width


def decode_only(paths):
    load(paths[0])  # as the C# side: the first ffmpeg start reads its shared libraries
    start = time.perf_counter()
    for path in paths:
        load(path)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", type=int, default=1102)
    parser.add_argument("--parts", default="decode,resnet18,timesformer")
    parser.add_argument("--batch", type=int, default=4, help="clips per batch (the original's BMD default)")
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--image-layer", default="layer4")
    parser.add_argument("--clip-layer", default=None, help="default encoder.layer.<depth-1>")
    parser.add_argument("--resnet-crop", action="store_true")
    parser.add_argument("--frame-chunk", type=int, default=0, help="resnet18: frames per forward pass (0: all B*30 at once, as the original)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache", default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    paths = clips_io.clip_paths(clips_io.corpus_root(args.cache), args.clips)
    parts = args.parts.split(",")
    common = {"workload": "bmd_clips", "side": "pytorch", "clips": len(paths), "batch_size": args.batch}

    decode_rate = None
    if "decode" in parts:
        seconds = decode_only(paths)
        decode_rate = len(paths) / seconds
        print(json.dumps(dict(common, part="decode", frames_per_clip=clips_io.BMD_FRAMES, decoded_frames_per_clip=90,
                              seconds=round(seconds, 3), clips_per_second=round(decode_rate, 3),
                              frames_per_second=round(len(paths) * clips_io.BMD_FRAMES / seconds, 2),
                              decoded_frames_per_second=round(len(paths) * 90 / seconds, 2), cores=os.cpu_count())), flush=True)

    models = []
    if "resnet18" in parts:
        models.append(ResNetPart(args.image_layer, args.resnet_crop))
    if "timesformer" in parts:
        models.append(TimesformerPart(args.depth, args.seed, args.clip_layer or f"encoder.layer.{args.depth - 1}"))
    with torch.inference_mode():
        for part in models:
            chunk = args.frame_chunk if isinstance(part, ResNetPart) else 0
            rate = model_only(part, paths, args.batch, args.repeats, chunk)
            seconds, width = end_to_end(part, paths, args.batch, chunk)
            hidden = None
            if decode_rate:
                decode_s, model_s = len(paths) / decode_rate, len(paths) / rate
                hidden = round((decode_s + model_s - seconds) / decode_s, 3)
            print(json.dumps(dict(common, part=part.name, model=f"torch {torch.__version__} {type(part.model).__name__}", layer=part.module,
                                  frames_per_clip=part.frames, frame_chunk=chunk, features_per_clip=width, seconds=round(seconds, 3),
                                  clips_per_second=round(len(paths) / seconds, 3), frames_per_second=round(len(paths) * part.frames / seconds, 2),
                                  model_only_clips_per_second=round(rate, 3),
                                  decode_clips_per_second=round(decode_rate, 3) if decode_rate else None, decode_hidden_fraction=hidden,
                                  threads=torch.get_num_threads(), cores=os.cpu_count(),
                                  peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)), flush=True)


if __name__ == "__main__":
    main()
