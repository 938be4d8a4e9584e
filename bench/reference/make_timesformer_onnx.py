"""A TimeSformer-shaped network (Bertasius et al. 2021, as Hugging Face's TimesformerModel builds it) with seeded
random weights, and its ONNX export for BBScore.NET's `bmd-clips` bench workload (bench/BBScore.Bench/BmdClips*.cs).

Shape: 8 frames of 224 x 224, 16 x 16 patches (196 per frame) plus one class token, width 768, 12 heads, MLP 3072,
divided space-time attention in every block (temporal attention over the 8 frames of each patch, then spatial
attention over the 197 tokens of each frame, then the MLP), as `attention_type="divided_space_time"`. Only the
depth differs from timesformer-base (12 blocks): the default of 2 blocks keeps a 1,102-clip run to minutes on two
cores. Every block costs the same, about 32.5 GFLOP per clip (MLP 14.8, the two q/k/v projections 11.1, output
projections and temporal_dense 5.6, attention products 1.0); the patch embedding adds 1.85, so depth 2 is about
67 GFLOP per clip and depth 12 about 392.

Module names follow Hugging Face's (embeddings.patch_embeddings.projection, encoder.layer.N.temporal_attention...,
layernorm), so the exported node names carry them (/encoder/layer.1/...) and BBScore can address `encoder.layer.1`.
Weights are random (torch.manual_seed): speed does not depend on their values, and nothing is downloaded.

    /usr/bin/python3 bench/reference/make_timesformer_onnx.py [--depth 2] [--seed 0] [--out PATH]

PATH defaults to $HOME/.cache/bbscore-bench/timesformer-depth<D>/model.onnx. The export is written beside PATH and
renamed into place, so a cut run leaves no file that looks complete. Needs Debian's python3-torch (1.13).
"""
import argparse
import math
import os

import torch
from torch import nn

FRAMES, IMAGE, PATCH, WIDTH, HEADS, MLP = 8, 224, 16, 768, 12, 3072
PATCHES = (IMAGE // PATCH) ** 2
EPS = 1e-6


def default_path(depth):
    return os.path.join(os.path.expanduser("~"), ".cache", "bbscore-bench", f"timesformer-depth{depth}", "model.onnx")


class SelfAttention(nn.Module):
    """Multi-head attention over the second axis; fused q, k, v projection as Hugging Face's `qkv`."""

    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(WIDTH, 3 * WIDTH)

    def forward(self, x):
        n, tokens, _ = x.shape
        q, k, v = self.qkv(x).reshape(n, tokens, 3, HEADS, WIDTH // HEADS).permute(2, 0, 3, 1, 4).unbind(0)
        # torch 1.13 has no scaled_dot_product_attention: the plain form, as HF's eager attention.
        weights = torch.softmax(q @ k.transpose(-2, -1) * (1 / math.sqrt(WIDTH // HEADS)), dim=-1)
        return (weights @ v).transpose(1, 2).reshape(n, tokens, WIDTH)


class SelfOutput(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(WIDTH, WIDTH)

    def forward(self, x):
        return self.dense(x)


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = SelfAttention()
        self.output = SelfOutput()

    def forward(self, x):
        return self.output(self.attention(x))


class Intermediate(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(WIDTH, MLP)
        self.intermediate_act_fn = nn.GELU()

    def forward(self, x):
        return self.intermediate_act_fn(self.dense(x))


class Output(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(MLP, WIDTH)

    def forward(self, x):
        return self.dense(x)


class Layer(nn.Module):
    """One divided space-time block, HF TimesformerLayer's forward. Tokens are [cls, (patch, frame)...]."""

    def __init__(self):
        super().__init__()
        self.temporal_layernorm = nn.LayerNorm(WIDTH, eps=EPS)
        self.temporal_attention = Attention()
        self.temporal_dense = nn.Linear(WIDTH, WIDTH)
        self.layernorm_before = nn.LayerNorm(WIDTH, eps=EPS)
        self.attention = Attention()
        self.layernorm_after = nn.LayerNorm(WIDTH, eps=EPS)
        self.intermediate = Intermediate()
        self.output = Output()

    def forward(self, hidden):
        batch = hidden.shape[0]
        cls, patches = hidden[:, :1], hidden[:, 1:]
        # Temporal: each patch position attends over its 8 frames.
        temporal = patches.reshape(batch * PATCHES, FRAMES, WIDTH)
        temporal = self.temporal_dense(self.temporal_attention(self.temporal_layernorm(temporal)))
        patches = patches + temporal.reshape(batch, PATCHES * FRAMES, WIDTH)
        # Spatial: each frame's 196 patches and a copy of the class token attend over each other.
        spatial = patches.reshape(batch, PATCHES, FRAMES, WIDTH).transpose(1, 2).reshape(batch * FRAMES, PATCHES, WIDTH)
        spatial = torch.cat([cls.repeat(1, FRAMES, 1).reshape(batch * FRAMES, 1, WIDTH), spatial], dim=1)
        spatial = self.attention(self.layernorm_before(spatial))
        cls_residual = spatial[:, 0].reshape(batch, FRAMES, WIDTH).mean(dim=1, keepdim=True)
        patch_residual = spatial[:, 1:].reshape(batch, FRAMES, PATCHES, WIDTH).transpose(1, 2).reshape(batch, PATCHES * FRAMES, WIDTH)
        hidden = torch.cat([cls, patches], dim=1) + torch.cat([cls_residual, patch_residual], dim=1)
        return hidden + self.output(self.intermediate(self.layernorm_after(hidden)))


class PatchEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.projection = nn.Conv2d(3, WIDTH, kernel_size=PATCH, stride=PATCH)

    def forward(self, frames):
        return self.projection(frames).flatten(2).transpose(1, 2)


class Embeddings(nn.Module):
    """Per-frame patches + class token + position embedding, then time embedding per patch (HF TimesformerEmbeddings)."""

    def __init__(self):
        super().__init__()
        self.cls_token = nn.Parameter(torch.randn(1, 1, WIDTH) * 0.02)
        self.position_embeddings = nn.Parameter(torch.randn(1, PATCHES + 1, WIDTH) * 0.02)
        self.time_embeddings = nn.Parameter(torch.randn(1, FRAMES, WIDTH) * 0.02)
        self.patch_embeddings = PatchEmbeddings()

    def forward(self, pixel_values):
        batch = pixel_values.shape[0]
        tokens = self.patch_embeddings(pixel_values.reshape(batch * FRAMES, 3, IMAGE, IMAGE))
        tokens = torch.cat([self.cls_token.expand(batch * FRAMES, -1, -1), tokens], dim=1) + self.position_embeddings
        cls = tokens[:batch, :1]
        patches = tokens[:, 1:].reshape(batch, FRAMES, PATCHES, WIDTH).transpose(1, 2).reshape(batch * PATCHES, FRAMES, WIDTH)
        patches = (patches + self.time_embeddings).reshape(batch, PATCHES * FRAMES, WIDTH)
        return torch.cat([cls, patches], dim=1)


class Encoder(nn.Module):
    def __init__(self, depth):
        super().__init__()
        self.layer = nn.ModuleList(Layer() for _ in range(depth))

    def forward(self, hidden):
        for block in self.layer:
            hidden = block(hidden)
        return hidden


class TimesformerShaped(nn.Module):
    """pixel_values (B, 8, 3, 224, 224) -> last hidden state (B, 1 + 196 * 8, 768)."""

    def __init__(self, depth):
        super().__init__()
        self.embeddings = Embeddings()
        self.encoder = Encoder(depth)
        self.layernorm = nn.LayerNorm(WIDTH, eps=EPS)

    def forward(self, pixel_values):
        return self.layernorm(self.encoder(self.embeddings(pixel_values)))


def build(depth, seed=0):
    torch.manual_seed(seed)
    return TimesformerShaped(depth).eval()


def export(model, path):
    """TorchScript exporter (torch 1.13's only one), which writes module scopes into node names."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    partial = path + ".partial"
    with torch.no_grad():
        torch.onnx.export(model, torch.randn(1, FRAMES, 3, IMAGE, IMAGE), partial, input_names=["pixel_values"],
                          output_names=["last_hidden_state"], dynamic_axes={"pixel_values": {0: "batch"}, "last_hidden_state": {0: "batch"}},
                          opset_version=17)
    os.replace(partial, path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    path = args.out or default_path(args.depth)
    export(build(args.depth, args.seed), path)
    print(path)


if __name__ == "__main__":
    main()
