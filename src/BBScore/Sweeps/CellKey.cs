using System.Security.Cryptography;
using System.Text;
using BBScore.Features;
using BBScore.Results;

namespace BBScore.Sweeps;

/// <summary>A sweep cell's identity: the SHA-256 of everything that changes its numbers. The runner stamps it
/// on every stored result (<see cref="ResultRecord.CellKey"/>), so a sweep skips a cell that any earlier run —
/// a sweep or a plain <c>bbscore run</c> — already scored.</summary>
/// <remarks>The model enters by its key: its weights hash is only known after opening it (downloading a hub
/// export), which planning must not do. Batch size and device are left out (they do not change the numbers);
/// the tool version is left out so an upgrade does not redo a finished sweep — the format versions are in,
/// and bumping <see cref="FormatVersion"/> is how a change of semantics invalidates old cells.</remarks>
public static class CellKey
{
    public const int FormatVersion = 1;

    public static string For(string model, string layer, string benchmark, string metric, int seed,
                             string? randomProjection, string aggregation, string compat)
    {
        string canonical = string.Join("\n",
            "bbscore-cell", FormatVersion, ResultJson.FormatVersion, FeatureCacheKey.FormatVersion,
            model.ToLowerInvariant(), layer, benchmark.ToLowerInvariant(), metric.ToLowerInvariant(), seed,
            randomProjection?.ToLowerInvariant() ?? "none", aggregation.ToLowerInvariant(), compat.ToLowerInvariant());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
