namespace BBScore.Datasets.Nsd;

/// <summary>The voxel-metadata columns of one hemisphere that the selection reads (one entry per vertex).</summary>
public sealed record NsdHemisphereColumns(double[] Ncsnr, string?[] NsdGeneral, string?[] PrfVisualRois, string?[] Streams)
{
    public int Count => Ncsnr.Length;

    /// <summary>The label column <paramref name="kind"/> (<c>prf-visualrois</c> or <c>streams</c>).</summary>
    public string?[] Labels(string kind) => kind switch
    {
        "prf-visualrois" => PrfVisualRois,
        "streams" => Streams,
        "nsdgeneral" => NsdGeneral,
        _ => throw new ArgumentException($"Unknown NSD label kind '{kind}'.", nameof(kind)),
    };

    internal void Validate(string hemisphere)
    {
        if (NsdGeneral.Length != Count || PrfVisualRois.Length != Count || Streams.Length != Count)
            throw new InvalidDataException(
                $"NSD voxel metadata for '{hemisphere}' has columns of different lengths (ncsnr {Count}, nsdgeneral {NsdGeneral.Length}, " +
                $"prf-visualrois {PrfVisualRois.Length}, streams {Streams.Length}); the subject file is damaged, delete it to download it again.");
    }
}

/// <summary>Which vertices an NSD assembly keeps, as in the original's <c>NSDAssembly</c>:
/// <list type="number">
/// <item>nsdgeneral mask: label == "nsdgeneral" AND ncsnr &gt; 0, over lh then rh concatenated;</item>
/// <item>within it, the ROI rule (<see cref="NsdRoi.Matches"/>) applied to the lh OR the rh label column
/// (the original ORs the two hemispheres' columns; after concatenation each vertex has exactly one
/// hemisphere's labels, so this is "the vertex's own label matches");</item>
/// <item>ncsnr &gt; threshold (strict; 0.2 by default).</item>
/// </list>
/// The result indexes the concatenated lh+rh vertex axis, ascending.</summary>
public static class NsdVoxelSelection
{
    public const double DefaultNcsnrThreshold = 0.2;
    public const string NsdGeneralLabel = "nsdgeneral";

    /// <summary>Indices (into lh then rh concatenated) of the vertices kept for <paramref name="roi"/>.</summary>
    public static int[] Select(NsdHemisphereColumns lh, NsdHemisphereColumns rh, NsdRoi roi, double ncsnrThreshold = DefaultNcsnrThreshold)
    {
        lh.Validate("lh");
        rh.Validate("rh");
        var kept = new List<int>();
        Collect(lh, 0, roi, ncsnrThreshold, kept);
        Collect(rh, lh.Count, roi, ncsnrThreshold, kept);
        return kept.ToArray();
    }

    /// <summary>The nsdgeneral mask over lh then rh (label "nsdgeneral" and ncsnr &gt; 0).</summary>
    public static bool[] NsdGeneralMask(NsdHemisphereColumns lh, NsdHemisphereColumns rh)
    {
        var mask = new bool[lh.Count + rh.Count];
        for (int i = 0; i < lh.Count; i++) mask[i] = InNsdGeneral(lh, i);
        for (int i = 0; i < rh.Count; i++) mask[lh.Count + i] = InNsdGeneral(rh, i);
        return mask;
    }

    static bool InNsdGeneral(NsdHemisphereColumns h, int i) => h.NsdGeneral[i] == NsdGeneralLabel && h.Ncsnr[i] > 0;

    static void Collect(NsdHemisphereColumns h, int offset, NsdRoi roi, double threshold, List<int> kept)
    {
        var labels = h.Labels(roi.LabelKind);
        for (int i = 0; i < h.Count; i++)
            if (InNsdGeneral(h, i) && roi.Matches(labels[i]) && h.Ncsnr[i] > threshold) kept.Add(offset + i);
    }
}
