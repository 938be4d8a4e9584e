using System.Globalization;
using System.Text.RegularExpressions;

namespace BBScore.Stimuli.Augment;

/// <summary>A timm RandAugment config string such as <c>rand-m7-n2-mstd0.3</c>: magnitude <c>m</c> (default 10), ops
/// per image <c>n</c> (default 2), magnitude noise <c>mstd</c> (gaussian std, default 0), per-op probability <c>p</c>
/// (default 0.5) and <c>mmax</c> (the magnitude's upper clip, default 10). <c>inc</c>, <c>w</c> and <c>t</c> select other
/// op lists or weights, which this port does not have, and are refused.</summary>
public sealed partial record RandAugmentConfig(double Magnitude = 10, int Layers = 2, double MagnitudeStd = 0, double Probability = 0.5,
                                               double MagnitudeMax = RandAugmentConfig.LevelDenominator)
{
    /// <summary>timm's <c>_LEVEL_DENOM</c>: magnitudes run 0..10.</summary>
    public const double LevelDenominator = 10.0;

    /// <summary>What the original's AugmentedSSV2 uses.</summary>
    public const string Ssv2 = "rand-m7-n2-mstd0.3";

    public static RandAugmentConfig Parse(string config)
    {
        var parts = config.Split('-');
        if (parts[0] != "rand") throw new FormatException($"RandAugment config '{config}' must start with 'rand'.");
        var result = new RandAugmentConfig();
        foreach (var part in parts.Skip(1))
        {
            var m = KeyValue().Match(part);
            if (!m.Success) continue; // timm skips pieces without a number
            string key = m.Groups[1].Value, text = m.Groups[2].Value;
            double value = double.Parse(text, CultureInfo.InvariantCulture);
            result = key switch
            {
                "m" => result with { Magnitude = value },
                "n" => result with { Layers = int.Parse(text, CultureInfo.InvariantCulture) },
                "mstd" => result with { MagnitudeStd = value },
                "p" => result with { Probability = value },
                "mmax" => result with { MagnitudeMax = value },
                "inc" when value == 0 => result,
                _ => throw new NotSupportedException($"RandAugment config '{config}': '{part}' is not supported (only m, n, mstd, p, mmax and inc0)."),
            };
        }
        return result;
    }

    [GeneratedRegex(@"^([a-z]*)(\d.*)$")]
    private static partial Regex KeyValue();
}
