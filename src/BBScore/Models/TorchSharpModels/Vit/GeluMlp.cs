using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vit;

/// <summary>The two-layer MLP of DINOv2 (Dinov2MLP) and BLIP's vision tower (BlipMLP): <c>fc1</c>, exact GELU,
/// <c>fc2</c>.</summary>
public sealed class GeluMlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Linear fc1, fc2;
#pragma warning restore IDE1006

    public GeluMlp(int hidden, int width) : base("MLP")
    {
        fc1 = nn.Linear(hidden, width);
        fc2 = nn.Linear(width, hidden);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return fc2.call(nn.functional.gelu(fc1.call(hidden))).MoveToOuterDisposeScope();
    }
}

/// <summary>Dinov2SwiGLUFFN (dinov2-giant, <c>use_swiglu_ffn</c>): <c>weights_in</c> makes 2 × width, split in two
/// halves x1, x2 along the features; SiLU(x1) · x2 goes through <c>weights_out</c>. The width is
/// <see cref="VitConfig.Mlp"/>, which the config reader computes as Hugging Face does.</summary>
public sealed class Dinov2SwiGluFfn : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Linear weights_in, weights_out;
#pragma warning restore IDE1006

    public Dinov2SwiGluFfn(VitConfig config) : base("Dinov2SwiGLUFFN")
    {
        weights_in = nn.Linear(config.Hidden, 2 * config.Mlp);
        weights_out = nn.Linear(config.Mlp, config.Hidden);
        RegisterComponents();
    }

    /// <summary>Dinov2SwiGLUFFN's hidden width from hidden_size and mlp_ratio: int(hidden · ratio), then two thirds of
    /// it rounded up to a multiple of 8 — (int(w · 2 / 3) + 7) // 8 · 8 (6144 → 4096 for dinov2-giant).</summary>
    public static int Width(int hidden, double mlpRatio)
    {
        int width = (int)(hidden * mlpRatio);
        return ((int)(width * 2.0 / 3.0) + 7) / 8 * 8;
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var halves = weights_in.call(hidden).chunk(2, -1);
        return weights_out.call(nn.functional.silu(halves[0]) * halves[1]).MoveToOuterDisposeScope();
    }
}
