using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vjepa2;

/// <summary>Hugging Face's VJEPA2MLP: <c>fc1</c>, <c>activation</c> (exact GELU), <c>fc2</c>.</summary>
public sealed class Vjepa2Mlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Linear fc1, fc2;
    readonly GELU activation;
#pragma warning restore IDE1006

    public Vjepa2Mlp(Vjepa2Config config) : base("MLP")
    {
        fc1 = nn.Linear(config.Hidden, config.Mlp);
        activation = nn.GELU();
        fc2 = nn.Linear(config.Mlp, config.Hidden);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return fc2.call(activation.call(fc1.call(hidden))).MoveToOuterDisposeScope();
    }
}

/// <summary>One pre-norm block (Hugging Face's VJEPA2Layer): x + attention(norm1(x)), then + mlp(norm2(·)).
/// <c>drop_path</c> is the identity at inference, kept as a module so the original's module paths all exist.</summary>
public sealed class Vjepa2Layer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly LayerNorm norm1, norm2;
    readonly Vjepa2RopeAttention attention;
    readonly Identity drop_path;
    readonly Vjepa2Mlp mlp;
#pragma warning restore IDE1006

    public Vjepa2Layer(Vjepa2Config config) : base("Layer")
    {
        norm1 = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        attention = new Vjepa2RopeAttention(config);
        drop_path = nn.Identity();
        norm2 = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        mlp = new Vjepa2Mlp(config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var attended = drop_path.call(attention.call(norm1.call(hidden))) + hidden;
        return (drop_path.call(mlp.call(norm2.call(attended))) + attended).MoveToOuterDisposeScope();
    }
}
