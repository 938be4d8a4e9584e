#!/usr/bin/env python3
"""Export a PyTorch model to the ONNX file BBScore.NET runs for a model key without a public export.

    python3 tools/export_onnx.py --source torchvision --name resnet50 --key resnet50_imagenet_full
    python3 tools/export_onnx.py --source timm --name vgg19.tv_in1k --key vgg19
    python3 tools/export_onnx.py --source transformers --name facebook/vit-mae-base --key mae_base
    python3 tools/export_onnx.py --source torchvision-video --name r3d_18 --key r3d_18 --frames 16
    python3 tools/export_onnx.py --source transformers --name MCG-NJU/videomae-base --input video --frames 16 --key videomae_base
    python3 tools/export_onnx.py --source transformers --name facebook/wav2vec2-base --input audio --key wav2vec2_base
    python3 tools/export_onnx.py --source bbscore --name cornet_s --key cornet_s   # inside a bbscore_public checkout

`bbscore run --model <key>` prints the exact command for each key that needs one.

The file goes to $BBSCORE_HOME/models/<key>/model.onnx (or --out), with a preprocessor_config.json
beside it that BBScore reads for resizing, cropping and normalisation. What makes the export usable
for layer extraction:
  * node names carry PyTorch module paths (/layer4/layer4.1/conv2/Conv), so `--layer layer4.1.conv2`
    works as in named_modules(); BBScore recovers the paths from these names;
  * batch norms stay separate nodes (training=PRESERVE, no constant folding), so `layer3.5.bn3` can be
    read; ONNX Runtime still fuses them when they are not read;
  * the batch axis is dynamic, so BBScore can run whole batches;
  * the TorchScript exporter is used (dynamo=False where torch offers the choice): the dynamo exporter
    does not keep module-path node names.
--reference DIR also writes a fixed test image and the PyTorch activations of --reference-layers for it,
so an export can be checked against PyTorch (BBScore's CI does this for a random-weight resnet18).
Needs: torch (+ torchvision / timm / transformers for those sources). Use weights you may redistribute.
"""
import argparse
import inspect
import json
import os
import sys

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", required=True, choices=["torchvision", "torchvision-video", "timm", "transformers", "bbscore"],
                    help="bbscore: the original's registry (run inside a checkout of neuroailab/bbscore_public)")
    ap.add_argument("--input", default="image", choices=["image", "video", "audio", "text"],
                    help="what the model takes (transformers and bbscore sources)")
    ap.add_argument("--ema", action="store_true", help="load the checkpoint's EMA weights (model_ema / state_dict_ema)")
    ap.add_argument("--name", required=True, help="architecture (torchvision/timm) or hub id (transformers)")
    ap.add_argument("--key", help="BBScore model key: writes $BBSCORE_HOME/models/<key>/model.onnx")
    ap.add_argument("--out", help="output .onnx path (instead of --key)")
    ap.add_argument("--random-weights", action="store_true", help="no pretrained weights (tests, untrained baselines)")
    ap.add_argument("--checkpoint", help="a state_dict (.pt/.pth) to load into the architecture")
    ap.add_argument("--num-classes", type=int, help="classifier size for --checkpoint (e.g. 565 for ecoset)")
    ap.add_argument("--input-size", type=int, default=224, help="crop size the model sees")
    ap.add_argument("--resize", type=int, default=256, help="shorter side before the centre crop")
    ap.add_argument("--frames", type=int, default=16, help="clip length for video models")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--reference", help="folder for a test image and PyTorch activations of --reference-layers")
    ap.add_argument("--reference-layers", nargs="*", default=[])
    return ap.parse_args(argv)


def output_path(args):
    if args.out:
        return os.path.abspath(args.out)
    if not args.key:
        sys.exit("give --key (writes into the BBScore models folder) or --out")
    # The same data home as BBScore: BBSCORE_HOME, else SCIKIT_LEARN_DATA, else ~/.cache/bbscore.
    home = (os.environ.get("BBSCORE_HOME") or os.environ.get("SCIKIT_LEARN_DATA")
            or os.path.join(os.path.expanduser("~"), ".cache", "bbscore"))
    return os.path.join(home, "models", args.key, "model.onnx")


def strip_prefixes(state):
    # Checkpoints saved from DataParallel or torch.compile prefix every key.
    for prefix in ("module.", "_orig_mod."):
        if state and all(k.startswith(prefix) for k in state):
            state = {k[len(prefix):]: v for k, v in state.items()}
    return state


def load_checkpoint(model, path, ema=False):
    import torch
    blob = torch.load(path, map_location="cpu")
    keys = ("model_ema", "state_dict_ema", "ema") if ema else ("state_dict", "model", "model_state_dict", "state")
    if ema and not any(isinstance(blob, dict) and k in blob for k in keys):
        sys.exit(f"{path} has no EMA weights (keys: {sorted(blob) if isinstance(blob, dict) else type(blob)})")
    for key in keys:
        if isinstance(blob, dict) and key in blob and isinstance(blob[key], dict):
            blob = blob[key]
            break
    model.load_state_dict(strip_prefixes(blob))


def build(args):
    """(model, example input, input name, preprocessor config) for the requested source."""
    import torch
    image_config = {
        "do_resize": True, "size": {"shortest_edge": args.resize}, "resample": 2,
        "do_center_crop": True, "crop_size": {"height": args.input_size, "width": args.input_size},
        "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": True,
        "image_mean": IMAGENET_MEAN, "image_std": IMAGENET_STD,
        "image_processor_type": "ExportedTorchModel",
    }
    if args.source in ("torchvision", "torchvision-video"):
        import torchvision
        module = torchvision.models.video if args.source == "torchvision-video" else torchvision.models
        kwargs = {"weights": None if args.random_weights or args.checkpoint else "DEFAULT"}
        if args.num_classes:
            kwargs["num_classes"] = args.num_classes
        model = getattr(module, args.name)(**kwargs)
        if args.source == "torchvision-video":
            example = torch.randn(1, 3, args.frames, args.input_size, args.input_size)
            config = dict(image_config, num_frames=args.frames, layout="BCTHW")
            return model, example, "pixel_values", config
        return model, torch.randn(1, 3, args.input_size, args.input_size), "pixel_values", image_config
    if args.source == "timm":
        import timm
        model = timm.create_model(args.name, pretrained=not (args.random_weights or args.checkpoint),
                                  **({"num_classes": args.num_classes} if args.num_classes else {}))
        data = timm.data.resolve_data_config({}, model=model)
        size = data["input_size"][1]
        config = dict(image_config, crop_size={"height": size, "width": size},
                      size={"shortest_edge": int(round(size / data.get("crop_pct", 0.875)))},
                      image_mean=list(data["mean"]), image_std=list(data["std"]),
                      resample=3 if data.get("interpolation") == "bicubic" else 2)
        return model, torch.randn(1, 3, size, size), "pixel_values", config
    if args.source == "bbscore":
        return original_model(args), example_input(args), input_name(args), image_config
    import transformers
    if args.random_weights:
        model = transformers.AutoModel.from_config(transformers.AutoConfig.from_pretrained(args.name))
    else:
        model = transformers.AutoModel.from_pretrained(args.name)
    try:
        config = transformers.AutoProcessor.from_pretrained(args.name).to_dict()
    except Exception:  # models without a processor keep the ImageNet default
        config = image_config
    if getattr(model.config, "model_type", "") == "whisper":
        return LastHidden(model.encoder, "input_features"), torch.randn(1, model.config.num_mel_bins, 3000), "input_features", config
    return LastHidden(model, input_name(args)), example_input(args), input_name(args), config


def input_name(args):
    return {"image": "pixel_values", "video": "pixel_values", "audio": "input_values", "text": "input_ids"}[args.input]


def example_input(args):
    """One example of what the model takes: an image, a (T, C, H, W) clip, a second of 16 kHz sound, or 8 token ids."""
    import torch
    size = args.input_size
    return {"image": lambda: torch.randn(1, 3, size, size),
            "video": lambda: torch.randn(1, args.frames, 3, size, size),
            "audio": lambda: torch.randn(1, 16000),
            "text": lambda: torch.randint(0, 1000, (1, 8))}[args.input]()


def original_model(args):
    """The network behind a key of the original's registry (neuroailab/bbscore_public), as its wrapper builds
    it, without torch.compile and in float32."""
    sys.path.insert(0, os.getcwd())
    from models import get_model_class_and_id  # the original's registry
    cls, model_id = get_model_class_and_id(args.name)
    model = cls().get_model(model_id)
    return getattr(model, "_orig_mod", model).float()


def LastHidden(model, name):
    """Wraps a transformers model so the export takes one named input and returns a tensor, not a
    ModelOutput. The wrapper's attribute adds an `inner.` prefix to every module path; BBScore accepts
    names with or without such a head prefix."""
    import torch

    class Wrapper(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            out = self.inner(**{name: x})
            return out.last_hidden_state if hasattr(out, "last_hidden_state") else out[0]

    return Wrapper(model)


def export(model, example, input_name, path, opset, kind="image"):
    import torch
    # The batch axis is always free; a sound's length and a text's token count are free too.
    axes = {0: "batch", **({1: "samples"} if kind == "audio" and input_name == "input_values" else {}),
            **({1: "tokens"} if kind == "text" else {})}
    kwargs = dict(input_names=[input_name], output_names=["output"],
                  dynamic_axes={input_name: axes, "output": {0: "batch"}},
                  opset_version=opset, training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(model, example, path, **kwargs)


def save_text_files(model, name, folder):
    """What BBScore reads beside a language model: config.json (its context length) and, for Llama 3, the
    tiktoken tokenizer file original/tokenizer.model (GPT-2's tokenizer ships with BBScore)."""
    model.config.to_json_file(os.path.join(folder, "config.json"))
    if "llama-3" in name.lower():
        import shutil
        from huggingface_hub import hf_hub_download
        shutil.copy(hf_hub_download(name, "original/tokenizer.model"), os.path.join(folder, "tokenizer.model"))


def write_reference(model, folder, layers, size):
    """A fixed 8-bit test image (size x size, RGB) and each layer's activations for it, as .npy files.
    The image is fed normalised only (no resize or crop), so a check needs a normalise-only config."""
    import numpy as np
    import torch
    os.makedirs(folder, exist_ok=True)
    y, x, c = np.meshgrid(np.arange(size), np.arange(size), np.arange(3), indexing="ij")
    image = ((y * 7 + x * 3 + c * 50 + (x * y) % 13) % 256).astype(np.uint8)
    np.save(os.path.join(folder, "image.npy"), image.astype(np.float32))  # 0..255 integers, (H, W, RGB)
    tensor = torch.from_numpy(image.astype(np.float32) / 255).permute(2, 0, 1)
    tensor = (tensor - torch.tensor(IMAGENET_MEAN)[:, None, None]) / torch.tensor(IMAGENET_STD)[:, None, None]
    modules = dict(model.named_modules())
    captured = {}
    for name in layers:
        # clone: torchvision's in-place ReLU would otherwise overwrite a captured batch-norm output.
        modules[name].register_forward_hook(lambda _m, _i, out, name=name: captured.__setitem__(name, out.detach().clone()))
    with torch.no_grad():
        model(tensor[None])
    for name in layers:
        np.save(os.path.join(folder, name + ".npy"), captured[name].numpy().astype(np.float32))


def main(argv):
    args = parse_args(argv)
    path = output_path(args)
    import torch
    torch.manual_seed(0)
    model, example, input_name, config = build(args)
    if args.checkpoint:
        load_checkpoint(model, args.checkpoint, args.ema)
    model = model.eval()
    export(model, example, input_name, path, args.opset, args.input)
    with open(os.path.join(os.path.dirname(path), "preprocessor_config.json"), "w") as f:
        json.dump(config, f, indent=2, default=str)
    if args.source == "transformers" and args.input == "text":
        save_text_files(model.inner, args.name, os.path.dirname(path))
    if args.reference:
        write_reference(model, args.reference, args.reference_layers, args.input_size)
    print(json.dumps({"onnx": path, "torch": torch.__version__, "opset": args.opset}))


if __name__ == "__main__":
    main(sys.argv[1:])
