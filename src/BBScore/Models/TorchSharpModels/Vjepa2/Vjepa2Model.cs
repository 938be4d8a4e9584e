using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Vjepa2;

/// <summary>VJEPA2PatchEmbeddings3D: one Conv3d <c>proj</c> with kernel = stride = (tubelet, patch, patch); tokens in
/// (time, row, column) order.</summary>
public sealed class Vjepa2PatchEmbeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly Conv3d proj;
#pragma warning restore IDE1006

    public Vjepa2PatchEmbeddings(Vjepa2Config config) : base("PatchEmbeddings3D")
    {
        proj = nn.Conv3d(config.Channels, config.Hidden, kernel_size: (config.Tubelet, config.Patch, config.Patch),
            stride: (config.Tubelet, config.Patch, config.Patch));
        RegisterComponents();
    }

    public override Tensor forward(Tensor clips)
    {
        using var scope = NewDisposeScope();
        return proj.call(clips).flatten(2).transpose(1, 2).MoveToOuterDisposeScope();
    }
}

/// <summary>VJEPA2Embeddings: (B, T, C, H, W) clips to (B, C, T, H, W); a clip shorter than a tubelet is repeated
/// tubelet times along time, as the original does; then <c>patch_embeddings</c>. No positions: they are rotary.</summary>
public sealed class Vjepa2Embeddings : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly Vjepa2PatchEmbeddings patch_embeddings;
#pragma warning restore IDE1006
    readonly int _tubelet;

    public Vjepa2Embeddings(Vjepa2Config config) : base("Embeddings")
    {
        patch_embeddings = new Vjepa2PatchEmbeddings(config);
        _tubelet = config.Tubelet;
        RegisterComponents();
    }

    public override Tensor forward(Tensor clips)
    {
        using var scope = NewDisposeScope();
        var channelsFirst = clips.permute(0, 2, 1, 3, 4);
        if (clips.shape[1] < _tubelet) channelsFirst = channelsFirst.repeat(1, 1, _tubelet, 1, 1);
        return patch_embeddings.call(channelsFirst).MoveToOuterDisposeScope();
    }
}

/// <summary>VJEPA2Encoder: <c>embeddings</c>, <c>layer.0 … layer.N−1</c>, <c>layernorm</c>.</summary>
public sealed class Vjepa2Encoder : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Vjepa2Embeddings embeddings;
    readonly ModuleList<Vjepa2Layer> layer;
    readonly LayerNorm layernorm;
#pragma warning restore IDE1006

    public Vjepa2Encoder(Vjepa2Config config) : base("Encoder")
    {
        embeddings = new Vjepa2Embeddings(config);
        layer = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new Vjepa2Layer(config)).ToArray());
        layernorm = nn.LayerNorm(config.Hidden, eps: config.LayerNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor clips)
    {
        using var scope = NewDisposeScope();
        var hidden = embeddings.call(clips);
        foreach (var block in layer) hidden = block.call(hidden);
        return layernorm.call(hidden).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// V-JEPA 2's video encoder in Hugging Face's VJEPA2Model layout, so <c>encoder.layer.N</c> is the layer users name
/// and the published state dicts load by name. The predictor (used in pre-training to predict masked tokens; the
/// original's forward runs it, but it reads the encoder's output and feeds nothing back) is not built: its tensors are
/// listed as ignored by the key map. Input (B, T, C, H, W) clips; output the final LayerNorm's tokens (B, N, D).
/// </summary>
public sealed class Vjepa2Model : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module name
    readonly Vjepa2Encoder encoder;
#pragma warning restore IDE1006

    public Vjepa2Model(Vjepa2Config config) : base("VJEPA2Model")
    {
        Config = config;
        encoder = new Vjepa2Encoder(config);
        RegisterComponents();
    }

    public Vjepa2Config Config { get; }

    public override Tensor forward(Tensor clips) => encoder.call(clips);
}
