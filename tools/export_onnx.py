#!/usr/bin/env python3
"""Export a PyTorch model to the ONNX file BBScore.NET runs for a model key without a public export.

    python3 tools/export_onnx.py --source torchvision --name resnet50 --key resnet50_imagenet_full
    python3 tools/export_onnx.py --source timm --name vgg19.tv_in1k --key vgg19
    python3 tools/export_onnx.py --source transformers --name facebook/vit-mae-base --key mae_base
    python3 tools/export_onnx.py --source torchvision-video --name r3d_18 --key r3d_18 --frames 16
    python3 tools/export_onnx.py --source transformers --name MCG-NJU/videomae-base --input video --frames 16 --key videomae_base
    python3 tools/export_onnx.py --source transformers --name facebook/wav2vec2-base --input audio --key wav2vec2_base
    python3 tools/export_onnx.py --source bbscore --name cornet_s --key cornet_s   # inside a bbscore_public checkout
    python3 tools/export_onnx.py --source glm --name zai-org/GLM-4.1V-9B-Thinking --key glm-4.1v-9b-thinking

`bbscore run --model <key>` prints the exact command for each key that needs one.

The file goes to $BBSCORE_HOME/models/<key>/model.onnx (or --out), with a preprocessor_config.json
beside it that BBScore reads for resizing, cropping and normalisation. What makes the export usable
for layer extraction:
  * node names carry PyTorch module paths (/layer4/layer4.1/conv2/Conv), so `--layer layer4.1.conv2`
    works as in named_modules(); BBScore recovers the paths from these names;
  * batch norms stay separate nodes (training=PRESERVE, no constant folding), so `layer3.5.bn3` can be
    read; ONNX Runtime still fuses them when they are not read;
  * the batch axis is dynamic, so BBScore can run whole batches (except --source glm: batch fixed at 1,
    as the original requires; BBScore then runs one image, or one frame of a clip, per call);
  * the TorchScript exporter is used (dynamo=False where torch offers the choice): the dynamo exporter
    does not keep module-path node names.
--reference DIR also writes a fixed test image and the PyTorch activations of --reference-layers for it,
so an export can be checked against PyTorch (BBScore's CI does this for a random-weight resnet18).

--source glm (zai-org/GLM-4.1V-9B-Thinking, zai-org/GLM-4.5V) exports the vision-language model as an
image model, as the original runs it: the graph's only input is pixel_values (1, 3, 256, 256), the image
BBScore resized to 256x256 (Pillow bicubic) and rescaled by 1/255; inside the graph it is resized,
normalised and cut into patches as the model's own image processor does, and the chat prompt ("Describe
the visual content of this image in detail.", tokenised with the image tokens) is a constant. Before
exporting, the in-graph patches are checked against the real processor's pixel_values for a test image.
Needs transformers with GLM-4V support, and memory for the fp32 weights several times over.
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
    ap.add_argument("--source", required=True, choices=["torchvision", "torchvision-video", "timm", "transformers", "bbscore", "glm"],
                    help="bbscore: the original's registry (run inside a checkout of neuroailab/bbscore_public); "
                         "glm: a GLM-4V vision-language model fed one image with the original's fixed prompt")
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
    if args.source == "glm":
        return glm_model(args)
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


GLM_PROMPT = "Describe the visual content of this image in detail."
GLM_SIZE = 256  # the original resizes every image to 256x256 (Pillow bicubic) before the processor sees it
GLM_STEPS = 1  # 8-bit steps the self-check allows: torch's uint8 resize may round a pixel unlike Pillow
PIL_ONE = 1 << 22  # Pillow's fixed-point 1.0 for 8-bit resampling


def glm_model(args):
    """(model, example input, input name, preprocessor config) for a GLM-4V key, fed as the original feeds it:
    one image with the fixed chat prompt, through AutoProcessor(use_fast=True). Everything the processor does
    after the 256x256 resize happens in the graph (GlmImageOnly); the prompt's tokens are constants. The
    in-graph patches are checked against the processor's pixel_values before anything is exported."""
    import torch
    import transformers
    if args.checkpoint or args.reference:
        sys.exit("--source glm takes neither --checkpoint nor --reference (it checks itself against the processor)")
    processor = transformers.AutoProcessor.from_pretrained(args.name, use_fast=True, trust_remote_code=True)
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": GLM_PROMPT}]}]
    chat = processor.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    image = test_image(GLM_SIZE)
    expected = processor(images=[image], text=chat, return_tensors="pt")
    patches = GlmPatches(processor.image_processor, expected["image_grid_thw"], GLM_SIZE)
    example = torch.from_numpy(image).permute(2, 0, 1)[None].float() / 255  # what BBScore feeds for this image
    with torch.no_grad():
        ours, theirs = patches(example), expected["pixel_values"].float()
    # On normalised pixels one 8-bit step is rescale/std (about 0.015); 1e-4 more covers float rounding.
    tolerance = GLM_STEPS * patches.rescale / min(processor.image_processor.image_std) + 1e-4
    same_shape = ours.shape == theirs.shape
    difference = (ours - theirs).abs() if same_shape else None
    worst = difference.max().item() if same_shape else float("inf")
    print(f"GLM self-check: in-graph pixel_values {tuple(ours.shape)} vs the processor's {tuple(theirs.shape)}: "
          f"max |difference| {worst:.3g}"
          + (f", {int((difference > 1e-4).sum())} of {difference.numel()} values off by more than float rounding" if same_shape else ""))
    if not worst <= tolerance:
        sys.exit(f"GLM self-check failed: the in-graph preprocessing differs from {type(processor.image_processor).__name__} "
                 f"by {worst:.3g} (> {tolerance:.3g}, {GLM_STEPS} 8-bit step); this transformers version processes images "
                 "differently, so the export would not see what the original sees.")
    config = transformers.AutoConfig.from_pretrained(args.name, trust_remote_code=True)
    cls = getattr(transformers, config.architectures[0])  # Glm4vForConditionalGeneration / Glm4vMoeForConditionalGeneration
    # Eager attention traces to plain ONNX operators; fp32 because BBScore feeds float32 and ONNX Runtime's CPU
    # kernels lack bf16 (the checkpoints are bf16: the upcast is exact).
    kwargs = dict(attn_implementation="eager", **glm_experts(transformers, cls.__name__))
    vlm = cls._from_config(config, **kwargs) if args.random_weights else cls.from_pretrained(args.name, **kwargs)
    model = GlmImageOnly(vlm.float(), patches, expected)
    # BBScore does the original's 256x256 bicubic resize and the 1/255 rescale; the graph does the rest.
    preprocess = {"do_resize": True, "size": {"height": GLM_SIZE, "width": GLM_SIZE}, "resample": 3,
                  "do_center_crop": False, "do_rescale": True, "rescale_factor": 1 / 255, "do_normalize": False,
                  "image_processor_type": "ExportedGlmImage"}
    return model, example, "pixel_values", preprocess


def glm_experts(transformers, architecture):
    """GLM-4.5V is a mixture of experts. Its eager experts loop in Python over the experts the input's tokens
    happen to use, so a trace would keep only the test image's routing; the batched_mm experts gather each token's
    experts with tensor operations, which trace (transformers 5 and later). The dense GLM-4.1V needs nothing."""
    if "Moe" not in architecture:
        return {}
    try:
        from transformers.integrations.moe import ALL_EXPERTS_FUNCTIONS
    except ImportError:
        ALL_EXPERTS_FUNCTIONS = {}
    if "batched_mm" not in ALL_EXPERTS_FUNCTIONS:
        sys.exit(f"{architecture} needs a transformers newer than {transformers.__version__}, with experts_implementation="
                 "'batched_mm' (transformers 5): its eager experts would freeze the test image's expert routing into the graph")
    return {"experts_implementation": "batched_mm"}


def bicubic_weights(size_in, size_out):
    """(size_out, size_in) int64: Pillow's antialiased bicubic resize along one axis (a = -0.5, support widened by
    the downscale factor), its weights in the 22-bit fixed point Pillow uses for 8-bit images. A resize is
    separable and linear, so a fixed-size resize is two MatMuls, which export at any opset (ONNX Resize gained
    antialiasing only at opset 18)."""
    import torch

    def cubic(x, a=-0.5):
        x = abs(x)
        return ((a + 2) * x - (a + 3)) * x * x + 1 if x < 1 else (((x - 5) * x + 8) * x - 4) * a if x < 2 else 0.0

    scale = size_in / size_out
    widen = max(scale, 1.0)
    weights = torch.zeros(size_out, size_in, dtype=torch.int64)
    for out in range(size_out):
        centre = (out + 0.5) * scale
        first, stop = max(int(centre - 2 * widen + 0.5), 0), min(int(centre + 2 * widen + 0.5), size_in)
        taps = [cubic((i - centre + 0.5) / widen) for i in range(first, stop)]
        total = sum(taps)
        weights[out, first:stop] = torch.tensor([int(w / total * PIL_ONE + (0.5 if w >= 0 else -0.5)) for w in taps])
    return weights


def GlmPatches(image_processor, grid_thw, size):
    """The GLM-4V image processor's work on one size x size image, in torch: back to 8-bit values, resize to the
    processor's patch grid as Pillow resizes a uint8 image (rows then columns, each pass rounded to 8 bits: the
    slow processor resizes with Pillow, and torch's CPU uint8 resize that the fast one uses ports Pillow's), rescale, normalise, then the flattened patch rows
    (grid_h*grid_w, C*temporal*patch*patch), the single frame repeated temporal_patch_size times."""
    import torch
    patch, merge, temporal = image_processor.patch_size, image_processor.merge_size, image_processor.temporal_patch_size
    _, grid_h, grid_w = (int(v) for v in grid_thw[0])

    class Patches(torch.nn.Module):
        def __init__(self):
            super().__init__()
            # float64: sums of 8-bit values times 22-bit weights are exact integers there, as in Pillow.
            self.register_buffer("rows", bicubic_weights(size, grid_h * patch).double())
            self.register_buffer("cols", bicubic_weights(size, grid_w * patch).T.contiguous().double())
            self.register_buffer("mean", torch.tensor(image_processor.image_mean, dtype=torch.float32)[:, None, None])
            self.register_buffer("std", torch.tensor(image_processor.image_std, dtype=torch.float32)[:, None, None])
            self.rescale = float(image_processor.rescale_factor)

        def forward(self, x):  # (1, 3, size, size): 8-bit values / 255
            pixels = torch.round(x[0].double() * 255)
            wide = self.to_8_bits(pixels @ self.cols)  # horizontal pass first, as Pillow
            resized = self.to_8_bits(self.rows @ wide).float()
            image = (resized * self.rescale - self.mean) / self.std
            c = image.shape[0]
            grid = image.reshape(c, grid_h // merge, merge, patch, grid_w // merge, merge, patch)
            grid = grid.permute(1, 4, 2, 5, 0, 3, 6)  # (h/m, w/m, m, m, C, p, p): merge blocks of patches
            grid = grid.unsqueeze(5).expand(-1, -1, -1, -1, -1, temporal, -1, -1)
            return grid.reshape(grid_h * grid_w, c * temporal * patch * patch)

        @staticmethod
        def to_8_bits(fixed_point):  # Pillow's rounding: add a half, shift, clip
            return torch.clamp(torch.floor((fixed_point + PIL_ONE // 2) / PIL_ONE), 0, 255)

    return Patches()


def GlmImageOnly(vlm, patches, prompt):
    """A GLM-4V model as an image model: pixel_values (1, 3, 256, 256) in, the language model's last hidden state
    out, with the tokenised prompt (input_ids, attention_mask, image_grid_thw from the processor) as constants.
    The inner model keeps its attribute name, so module paths are the original's hook names
    (model.language_model.layers.20, model.visual.blocks.10); lm_head is left out (no layer reads logits)."""
    import torch

    class Wrapper(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = vlm.model
            self.patches = patches
            for name in ("input_ids", "attention_mask", "image_grid_thw"):
                self.register_buffer(name, prompt[name].clone())

        def forward(self, pixel_values):
            out = self.model(input_ids=self.input_ids, attention_mask=self.attention_mask, image_grid_thw=self.image_grid_thw,
                             pixel_values=self.patches(pixel_values), use_cache=False)
            return out.last_hidden_state

    return Wrapper()


def export(model, example, input_name, path, opset, kind="image", fixed_batch=False):
    import torch
    # The batch axis is free unless fixed_batch (GLM: its baked prompt has batch 1, as the original runs it); a
    # sound's length and a text's token count are free too. Over 2 GB the exporter writes the weights as
    # external data beside the graph.
    axes = {0: "batch", **({1: "samples"} if kind == "audio" and input_name == "input_values" else {}),
            **({1: "tokens"} if kind == "text" else {})}
    kwargs = dict(input_names=[input_name], output_names=["output"],
                  dynamic_axes={} if fixed_batch else {input_name: axes, "output": {0: "batch"}},
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


def test_image(size):
    """A fixed 8-bit test image, (size, size, RGB), with detail at every scale."""
    import numpy as np
    y, x, c = np.meshgrid(np.arange(size), np.arange(size), np.arange(3), indexing="ij")
    return ((y * 7 + x * 3 + c * 50 + (x * y) % 13) % 256).astype(np.uint8)


def write_reference(model, folder, layers, size):
    """The test image (size x size) and each layer's activations for it, as .npy files.
    The image is fed normalised only (no resize or crop), so a check needs a normalise-only config."""
    import numpy as np
    import torch
    os.makedirs(folder, exist_ok=True)
    image = test_image(size)
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
    export(model, example, input_name, path, args.opset, args.input, fixed_batch=args.source == "glm")
    with open(os.path.join(os.path.dirname(path), "preprocessor_config.json"), "w") as f:
        json.dump(config, f, indent=2, default=str)
    if args.source == "transformers" and args.input == "text":
        save_text_files(model.inner, args.name, os.path.dirname(path))
    if args.reference:
        write_reference(model, args.reference, args.reference_layers, args.input_size)
    print(json.dumps({"onnx": path, "torch": torch.__version__, "opset": args.opset}))


if __name__ == "__main__":
    main(sys.argv[1:])
