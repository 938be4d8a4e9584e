using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace BBScore.Models.TorchSharpModels.Wav2Vec2;

/// <summary>One convolution of the feature encoder (Hugging Face's Wav2Vec2{No,Group,}LayerNormConvLayer): <c>conv</c>,
/// then <c>layer_norm</c> when it has one (a GroupNorm of a group per channel on (B, C, T), or a LayerNorm over the
/// channels on (B, T, C)), then GELU.</summary>
public sealed class Wav2Vec2ConvLayer : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly Conv1d conv;
    readonly nn.Module<Tensor, Tensor>? layer_norm;
    readonly GELU activation;
#pragma warning restore IDE1006
    readonly bool _channelsLast;

    public Wav2Vec2ConvLayer(int input, int output, int kernel, int stride, bool bias, FeatureEncoderNorm? norm)
        : base("Wav2Vec2ConvLayer")
    {
        conv = nn.Conv1d(input, output, kernel, stride: stride, bias: bias);
        // Hugging Face builds both norms with torch's default eps (1e-5), not the config's layer_norm_eps.
        layer_norm = norm switch
        {
            FeatureEncoderNorm.Group => nn.GroupNorm(output, output, affine: true),
            FeatureEncoderNorm.Layer => nn.LayerNorm(output, elementwise_affine: true),
            _ => null,
        };
        _channelsLast = norm == FeatureEncoderNorm.Layer;
        activation = nn.GELU();
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var hidden = conv.call(x);
        if (layer_norm is not null)
            hidden = _channelsLast ? layer_norm.call(hidden.transpose(-2, -1)).transpose(-2, -1) : layer_norm.call(hidden);
        return activation.call(hidden).MoveToOuterDisposeScope();
    }
}

/// <summary>Wav2Vec2FeatureEncoder: the waveform (B, samples) as one channel through <c>conv_layers</c>, giving
/// (B, conv_dim[-1], frames).</summary>
public sealed class Wav2Vec2FeatureEncoder : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face's module names
    readonly ModuleList<Wav2Vec2ConvLayer> conv_layers = new();
#pragma warning restore IDE1006

    public Wav2Vec2FeatureEncoder(Wav2Vec2Config config) : base("Wav2Vec2FeatureEncoder")
    {
        for (int i = 0; i < config.ConvDims.Length; i++)
        {
            FeatureEncoderNorm? norm = config.FeatureNorm == FeatureEncoderNorm.Layer || i == 0 ? config.FeatureNorm : null;
            conv_layers.Add(new Wav2Vec2ConvLayer(i == 0 ? 1 : config.ConvDims[i - 1], config.ConvDims[i], config.ConvKernels[i],
                config.ConvStrides[i], config.ConvBias, norm));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var hidden = waveform.unsqueeze(1);
        foreach (var layer in conv_layers) hidden = layer.call(hidden);
        return hidden.MoveToOuterDisposeScope();
    }
}
