using System.Collections;
using System.Globalization;

namespace BBScore.Models.TorchSharpModels.VOneNet;

/// <summary>Reads the training flags a VOneNet checkpoint carries (<c>ckpt['flags']</c>, the training script's
/// arguments) as VOneNet's loader does before it builds the network: the back end (<c>arch</c>), the bank's stride,
/// the simple/complex split, <c>k_exc</c>, and the noise mode. The weights alone do not say these, and a network
/// built on other values would load the same tensors and compute something else.</summary>
public static class VOneFlags
{
    /// <summary>The configuration the checkpoint at <paramref name="path"/> (top-level dict <paramref name="root"/>) was
    /// trained with. Refuses a back end other than ResNet-50 and any noise mode: this port runs the non-stochastic
    /// VOneResNet-50, whose noise stage is only a ReLU.</summary>
    public static VOneConfig Read(Hashtable root, string path)
    {
        if (root["flags"] is not Hashtable flags)
            throw new InvalidDataException($"{path}: not a VOneNet checkpoint: it has no 'flags' dict (top-level keys: {string.Join(", ", root.Keys.Cast<object>())}); VOneNet's loader builds the network from them.");
        string arch = (flags["arch"] ?? flags["model_arch"]) as string
            ?? throw new InvalidDataException($"{path}: the flags name no back end ('arch').");
        // The loader's own normalisation: 'resnet_50' and 'ResNet50' are the same back end.
        if (arch.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() != "resnet50")
            throw new NotSupportedException($"{path}: a VOneNet with the '{arch}' back end; only the ResNet-50 back end is built in C#.");
        if (flags["noise_mode"] is { } noise)
            throw new NotSupportedException($"{path}: a stochastic VOneNet (noise_mode '{noise}'); only the non-stochastic one (noise_mode None) is built in C#.");
        var config = new VOneConfig(Int(flags, "simple_channels", path), Int(flags, "complex_channels", path),
            Number(flags, "k_exc", path), Int(flags, "stride", path), VOneConfig.Default.KernelSize);
        if (config.SimpleChannels < 0 || config.ComplexChannels < 0 || config.Channels == 0 || config.Stride < 1)
            throw new InvalidDataException($"{path}: the flags give an impossible Gabor bank ({config}).");
        return config;
    }

    static double Number(Hashtable flags, string name, string path) => flags[name] switch
    {
        double d => d,
        long l => l,
        int i => i,
        var v => throw new InvalidDataException($"{path}: the flag '{name}' is {Describe(v)}, not a number."),
    };

    static int Int(Hashtable flags, string name, string path)
    {
        double value = Number(flags, name, path);
        return value == Math.Floor(value) && Math.Abs(value) <= int.MaxValue ? (int)value
            : throw new InvalidDataException($"{path}: the flag '{name}' is {value.ToString(CultureInfo.InvariantCulture)}, not a whole number.");
    }

    static string Describe(object? value) => value is null ? "missing or None" : $"'{value}' ({value.GetType().Name})";
}
