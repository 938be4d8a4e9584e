"""ViT-B/16 and VideoMAE-B forward passes in PyTorch, and the files the C# side (`vit-runtimes` workload) times the
same networks from: one random-weight checkpoint per model in the Hugging Face layout (config.json +
model.safetensors, the published repositories' names), the ONNX graph exported from the same PyTorch module, a fixed
input and PyTorch's output for it (so the C# side checks that all three runtimes compute the same function).

Debian has no `transformers`, so the two networks are written here with Hugging Face's module names and computation:
ViTModel (Conv2d patches, class token, learned positions, pre-norm blocks with biased q/k/v, exact GELU, final
LayerNorm, eps 1e-12) and VideoMAEModel (Conv3d tubelets of 2 frames, fixed sinusoid positions, q/v biases and no key
bias, no final LayerNorm under mean pooling).

    /usr/bin/python3 bench/reference/vit_runtimes_reference.py --out /tmp/vit-runtimes [--threads 2] [--repeats 5]

Prints one JSON line per model: PyTorch's seconds per batch and items/second (images for ViT, clips for VideoMAE).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "fixtures"))
from safetensors_writer import write_safetensors  # noqa: E402

HIDDEN, LAYERS, HEADS, MLP, PATCH, IMAGE, FRAMES, TUBELET = 768, 12, 12, 3072, 16, 224, 16, 2


class SelfAttention(nn.Module):
    def __init__(self, key_bias):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN, bias=key_bias)
        self.key = nn.Linear(HIDDEN, HIDDEN, bias=key_bias)
        self.value = nn.Linear(HIDDEN, HIDDEN, bias=key_bias)
        if not key_bias:  # VideoMAE: separate q/v biases, the key's is zero
            self.q_bias = nn.Parameter(torch.zeros(HIDDEN))
            self.v_bias = nn.Parameter(torch.zeros(HIDDEN))
        self.key_bias = key_bias

    def forward(self, x):
        b, n, _ = x.shape
        if self.key_bias:
            q, k, v = self.query(x), self.key(x), self.value(x)
        else:
            q = nn.functional.linear(x, self.query.weight, self.q_bias)
            k = nn.functional.linear(x, self.key.weight)
            v = nn.functional.linear(x, self.value.weight, self.v_bias)
        split = lambda t: t.view(b, n, HEADS, HIDDEN // HEADS).transpose(1, 2)
        scores = split(q) @ split(k).transpose(-1, -2) / math.sqrt(HIDDEN // HEADS)
        return (scores.softmax(-1) @ split(v)).transpose(1, 2).reshape(b, n, HIDDEN)


class Dense(nn.Module):
    def __init__(self, fan_in, fan_out):
        super().__init__()
        self.dense = nn.Linear(fan_in, fan_out)

    def forward(self, x):
        return self.dense(x)


class Attention(nn.Module):
    def __init__(self, key_bias):
        super().__init__()
        self.attention = SelfAttention(key_bias)
        self.output = Dense(HIDDEN, HIDDEN)

    def forward(self, x):
        return self.output(self.attention(x))


class Layer(nn.Module):
    def __init__(self, key_bias):
        super().__init__()
        self.attention = Attention(key_bias)
        self.intermediate = Dense(HIDDEN, MLP)
        self.output = Dense(MLP, HIDDEN)
        self.layernorm_before = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layernorm_after = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x):
        x = x + self.attention(self.layernorm_before(x))
        return x + self.output(nn.functional.gelu(self.intermediate(self.layernorm_after(x))))


class Encoder(nn.Module):
    def __init__(self, key_bias):
        super().__init__()
        self.layer = nn.ModuleList(Layer(key_bias) for _ in range(LAYERS))

    def forward(self, x):
        for layer in self.layer:
            x = layer(x)
        return x


class Projection(nn.Module):
    def __init__(self, conv):
        super().__init__()
        self.projection = conv


class VitEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.cls_token = nn.Parameter(0.02 * torch.randn(1, 1, HIDDEN))
        self.position_embeddings = nn.Parameter(0.02 * torch.randn(1, (IMAGE // PATCH) ** 2 + 1, HIDDEN))
        self.patch_embeddings = Projection(nn.Conv2d(3, HIDDEN, PATCH, stride=PATCH))

    def forward(self, pixels):
        x = self.patch_embeddings.projection(pixels).flatten(2).transpose(1, 2)
        return torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], 1) + self.position_embeddings


class ViTModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = VitEmbeddings()
        self.encoder = Encoder(key_bias=True)
        self.layernorm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, pixels):
        return self.layernorm(self.encoder(self.embeddings(pixels)))


def sinusoid_table(positions, dim):
    angles = np.array([[p / np.power(10000, 2 * (j // 2) / dim) for j in range(dim)] for p in range(positions)])
    angles[:, 0::2], angles[:, 1::2] = np.sin(angles[:, 0::2]), np.cos(angles[:, 1::2])
    return torch.tensor(angles, dtype=torch.float32)[None]


class VideoMaeEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch_embeddings = Projection(nn.Conv3d(3, HIDDEN, (TUBELET, PATCH, PATCH), stride=(TUBELET, PATCH, PATCH)))
        self.register_buffer("positions", sinusoid_table(FRAMES // TUBELET * (IMAGE // PATCH) ** 2, HIDDEN), persistent=False)

    def forward(self, clips):  # (B, T, C, H, W), as VideoMAE takes them
        x = self.patch_embeddings.projection(clips.permute(0, 2, 1, 3, 4)).flatten(2).transpose(1, 2)
        return x + self.positions


class VideoMAEModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = VideoMaeEmbeddings()
        self.encoder = Encoder(key_bias=False)

    def forward(self, clips):
        return self.encoder(self.embeddings(clips))


CONFIGS = {
    "vit_b16": dict(model_type="vit", architectures=["ViTModel"], hidden_size=HIDDEN, num_hidden_layers=LAYERS,
                    num_attention_heads=HEADS, intermediate_size=MLP, patch_size=PATCH, image_size=IMAGE, num_channels=3,
                    hidden_act="gelu", layer_norm_eps=1e-12, qkv_bias=True),
    "videomae_b": dict(model_type="videomae", architectures=["VideoMAEModel"], hidden_size=HIDDEN, num_hidden_layers=LAYERS,
                       num_attention_heads=HEADS, intermediate_size=MLP, patch_size=PATCH, image_size=IMAGE, num_channels=3,
                       tubelet_size=TUBELET, num_frames=FRAMES, hidden_act="gelu", layer_norm_eps=1e-12, qkv_bias=True,
                       use_mean_pooling=True),
}


def randomise(net):
    """Biases and LayerNorm parameters away from their initial 0/1, so a wrong mapping shows in the output."""
    with torch.no_grad():
        for name, p in net.named_parameters():
            if p.dim() == 1:
                p.copy_(0.05 * torch.randn_like(p) + (1.0 if "layernorm" in name and name.endswith("weight") else 0.0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--image-batch", type=int, default=8)
    parser.add_argument("--clip-batch", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for seed, (name, build, shape, batch) in enumerate([
            ("vit_b16", ViTModel, (3, IMAGE, IMAGE), args.image_batch),
            ("videomae_b", VideoMAEModel, (FRAMES, 3, IMAGE, IMAGE), args.clip_batch)]):
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        torch.manual_seed(40 + seed)
        net = build().eval()
        randomise(net)
        write_safetensors(os.path.join(folder, "model.safetensors"), net.state_dict())
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(CONFIGS[name], f, indent=1)
        x = torch.randn(batch, *shape, generator=torch.Generator().manual_seed(7))
        np.save(os.path.join(folder, "input.npy"), x.numpy())
        with torch.inference_mode():
            expected = net(x)
        np.save(os.path.join(folder, "output.npy"), expected.numpy())
        torch.onnx.export(net, x, os.path.join(folder, "model.onnx"), input_names=["input"], output_names=["last_hidden_state"],
                          dynamic_axes={"input": {0: "batch"}, "last_hidden_state": {0: "batch"}}, opset_version=14)
        with torch.inference_mode():
            net(x)  # warm-up
            times = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                net(x)
                times.append(time.perf_counter() - start)
        best = min(times)
        print(json.dumps({"workload": "vit-runtimes", "runtime": "pytorch", "torch": torch.__version__, "model": name,
                          "batch": batch, "threads": args.threads, "seconds_per_batch": round(best, 4),
                          "median_seconds_per_batch": round(sorted(times)[len(times) // 2], 4),
                          "items_per_second": round(batch / best, 3)}), flush=True)


if __name__ == "__main__":
    main()
