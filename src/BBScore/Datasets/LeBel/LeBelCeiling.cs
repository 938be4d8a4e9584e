using BBScore.Formats;

namespace BBScore.Datasets.LeBel;

/// <summary>The published per-voxel split-half reliability of one participant (the original's
/// <c>lebel2023_ceiling_splithalf.npz</c>: key <c>UTSxx</c>, a Spearman–Brown corrected split-half r per voxel, and
/// <c>UTSxx_per_tr_spatial</c>, one value per TR of the repeated story). It already is a correlation ceiling in the
/// sense of DECISIONS.md, so both modes use it as the original does: clipped below at 1e-3; voxels above 0.15 are the
/// "reliable" mask the TR-level benchmarks fit on.</summary>
public sealed record LeBelCeiling(double[] PerVoxel, bool[] Reliable, double[]? PerTrSpatial)
{
    public const double Floor = 1e-3, ReliableAbove = 0.15;

    /// <summary>Reads <paramref name="subject"/>'s ceiling; it must have <paramref name="voxels"/> values, the voxel
    /// count of the participant's runs.</summary>
    public static LeBelCeiling Load(string npzPath, string subject, int voxels)
    {
        var keys = NpzFile.Keys(npzPath);
        if (!keys.Contains(subject))
            throw new InvalidDataException($"{npzPath}: no ceiling for {subject} (arrays: {string.Join(", ", keys)}); the file is not the published one. Delete it to fetch it again.");
        double[] raw = NpzFile.Read(npzPath, subject).ToDoubles();
        if (raw.Length != voxels)
            throw new InvalidDataException(
                $"{npzPath}: {subject}'s ceiling has {raw.Length} values but its runs have {voxels} voxels; the ceiling belongs to other data. Delete it to fetch it again.");
        var reliable = raw.Select(r => r > ReliableAbove).ToArray();
        string perTrKey = subject + "_per_tr_spatial";
        double[]? perTr = keys.Contains(perTrKey) ? NpzFile.Read(npzPath, perTrKey).ToDoubles().Select(Clip).ToArray() : null;
        return new LeBelCeiling(raw.Select(Clip).ToArray(), reliable, perTr);
    }

    static double Clip(double r) => double.IsNaN(r) ? Floor : Math.Max(r, Floor);
}
