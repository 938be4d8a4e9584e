"""A GPT-2-small-shaped decoder (Radford et al. 2019, as Hugging Face's GPT2Model builds it) with seeded random
weights, and its ONNX export for BBScore.NET's `lebel-tr-text` bench workload (bench/BBScore.Bench/LeBelTrTextWorkload.cs).

Shape: vocabulary 50,257, 1,024 positions, width 768, 12 heads, MLP 3,072, 12 blocks (pre-norm attention and MLP with
residuals, tanh GELU), final layer norm. Causal self-attention that also masks padding (attention_mask), and learned
positions read at position_ids, as the exports BBScore.NET takes from the hub. Module names follow Hugging Face's
(transformer.wte, transformer.h.N.attn.c_attn, transformer.ln_f), so the exported node names carry them
(/transformer/h.11/...) and BBScore addresses `transformer.h.11`. Weights are random (torch.manual_seed): speed does not
depend on their values, and nothing is downloaded.

    /usr/bin/python3 bench/reference/make_gpt2_onnx.py [--depth 12] [--seed 0] [--out PATH]

PATH defaults to $HOME/.cache/bbscore-bench/gpt2-depth<D>/model.onnx (with a config.json saying n_positions 1024). The
export is written beside PATH and renamed into place, so a cut run leaves no file that looks complete. Needs Debian's
python3-torch (1.13).
"""
import argparse
import json
import math
import os

import torch
from torch import nn

VOCAB, POSITIONS, WIDTH, HEADS, MLP = 50257, 1024, 768, 12, 3072
EPS = 1e-5


def default_path(depth):
    return os.path.join(os.path.expanduser("~"), ".cache", "bbscore-bench", f"gpt2-depth{depth}", "model.onnx")


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = nn.Linear(WIDTH, 3 * WIDTH)
        self.c_proj = nn.Linear(WIDTH, WIDTH)

    def forward(self, x, mask):
        batch, tokens, _ = x.shape
        q, k, v = self.c_attn(x).split(WIDTH, dim=2)
        split = lambda t: t.reshape(batch, tokens, HEADS, WIDTH // HEADS).transpose(1, 2)
        q, k, v = split(q), split(k), split(v)
        scores = q @ k.transpose(-1, -2) / math.sqrt(WIDTH // HEADS) + mask
        out = torch.softmax(scores, dim=-1) @ v
        return self.c_proj(out.transpose(1, 2).reshape(batch, tokens, WIDTH))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_fc = nn.Linear(WIDTH, MLP)
        self.c_proj = nn.Linear(MLP, WIDTH)

    def forward(self, x):
        h = self.c_fc(x)
        h = 0.5 * h * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (h + 0.044715 * h ** 3)))
        return self.c_proj(h)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1 = nn.LayerNorm(WIDTH, eps=EPS)
        self.attn = Attention()
        self.ln_2 = nn.LayerNorm(WIDTH, eps=EPS)
        self.mlp = Mlp()

    def forward(self, x, mask):
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, depth):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, WIDTH)
        self.wpe = nn.Embedding(POSITIONS, WIDTH)
        self.h = nn.ModuleList(Block() for _ in range(depth))
        self.ln_f = nn.LayerNorm(WIDTH, eps=EPS)

    def forward(self, input_ids, attention_mask, position_ids):
        tokens = input_ids.shape[1]
        causal = torch.tril(torch.ones(tokens, tokens, dtype=torch.bool, device=input_ids.device))
        allowed = causal[None, None, :, :] & attention_mask.bool()[:, None, None, :]
        mask = torch.zeros(allowed.shape, dtype=torch.float32).masked_fill(~allowed, -1e9)
        x = self.wte(input_ids) + self.wpe(position_ids)
        for block in self.h:
            x = block(x, mask)
        return self.ln_f(x)


class Gpt2Shaped(nn.Module):
    """input_ids, attention_mask, position_ids (B, T) int64 -> last hidden state (B, T, 768)."""

    def __init__(self, depth):
        super().__init__()
        self.transformer = Transformer(depth)

    def forward(self, input_ids, attention_mask, position_ids):
        return self.transformer(input_ids, attention_mask, position_ids)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    path = args.out or default_path(args.depth)
    torch.manual_seed(args.seed)
    model = Gpt2Shaped(args.depth).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(0.2)  # keep activations in a float-friendly range through 12 random blocks
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(os.path.join(os.path.dirname(os.path.abspath(path)), "config.json"), "w") as f:
        json.dump({"model_type": "gpt2", "n_positions": POSITIONS, "n_embd": WIDTH, "n_layer": args.depth, "n_head": HEADS}, f)
    partial = path + ".partial"
    ids = torch.randint(0, VOCAB, (2, 8))
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids), torch.arange(8).repeat(2, 1)), partial,
                          input_names=["input_ids", "attention_mask", "position_ids"], output_names=["last_hidden_state"],
                          dynamic_axes={n: {0: "batch", 1: "tokens"} for n in ["input_ids", "attention_mask", "position_ids", "last_hidden_state"]},
                          opset_version=17)
    os.replace(partial, path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
