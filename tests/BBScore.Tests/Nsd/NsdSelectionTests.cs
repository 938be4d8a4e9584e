using BBScore.Datasets.Nsd;
using BBScore.Metrics;

namespace BBScore.Tests.Nsd;

public sealed class NsdSelectionTests
{
    const string G = "nsdgeneral";

    // lh: 0 V1v, 1 V1d, 2 V1 (exact), 3 V2v, 4 V1v but outside nsdgeneral, 5 V1v with ncsnr 0.2 (not > 0.2), 6 V1v ncsnr 0.21
    static readonly NsdHemisphereColumns Lh = new(
        [0.5, 0.6, 0.7, 0.8, 0.9, 0.2, 0.21],
        [G, G, G, G, "Unknown", G, G],
        ["V1v", "V1d", "V1", "V2v", "V1v", "V1v", "V1v"],
        ["ventral", "midventral", "midlateral", "lateral", "parietal", "midparietal", null]);

    // rh: 0 V4, 1 V3d (ncsnr -1: outside the mask), 2 V1d, 3 null label
    static readonly NsdHemisphereColumns Rh = new(
        [0.3, -1.0, 0.4, 0.9],
        [G, G, G, G],
        ["V4", "V3d", "V1d", null],
        ["ventral", "ventral", "midventral", "parietal"]);

    static int[] Sel(string roi) => NsdVoxelSelection.Select(Lh, Rh, NsdRoi.Get(roi));

    [Fact]
    public void Table_has_the_19_rois_with_their_rules()
    {
        Assert.Equal(19, NsdRoi.All.Count);
        Assert.Equal(NsdRoi.All.Count, NsdRoi.All.Select(r => r.Name).Distinct().Count());
        Assert.Equal(NsdRoiRule.StreamsEquals, NsdRoi.Get("HighVentral").Rule);
        Assert.Equal("ventral", NsdRoi.Get("HighVentral").Label);
        Assert.Equal(NsdRoiRule.StreamsContains, NsdRoi.Get("MidParietal").Rule);
        Assert.Equal(NsdRoiRule.PrfVisualRoisContains, NsdRoi.Get("V3d").Rule);
        var e = Assert.Throws<ArgumentException>(() => NsdRoi.Get("V5"));
        Assert.Contains("HighParietal", e.Message);
    }

    [Fact]
    public void V1_includes_V1v_and_V1d_by_substring_in_both_hemispheres()
    {
        Assert.Equal([0, 1, 2, 6, 7 + 2], Sel("V1"));
        Assert.Equal([0, 6], Sel("V1v"));
        Assert.Equal([1, 7 + 2], Sel("V1d"));
    }

    [Fact]
    public void Ventral_also_matches_midventral_but_HighVentral_is_exact()
    {
        Assert.Equal([0, 1, 7 + 0, 7 + 2], Sel("Ventral"));
        Assert.Equal([0, 7 + 0], Sel("HighVentral"));
        Assert.Equal([1, 7 + 2], Sel("MidVentral"));
        Assert.Equal([2, 3], Sel("Lateral"));
        Assert.Equal([3], Sel("HighLateral"));
        Assert.Equal([7 + 3], Sel("HighParietal")); // lh 4 is outside nsdgeneral
    }

    [Fact]
    public void A_match_in_either_hemisphere_selects_that_vertex()
    {
        Assert.Equal([7 + 0], Sel("V4")); // only the rh column has V4
        Assert.Equal([3], Sel("V2")); // only the lh column has V2
        Assert.Empty(Sel("V3d")); // rh V3d has ncsnr <= 0: outside nsdgeneral
    }

    [Fact]
    public void Thresholds_are_strict_and_the_mask_needs_the_label_and_positive_ncsnr()
    {
        Assert.DoesNotContain(5, Sel("V1v")); // ncsnr == 0.2
        Assert.DoesNotContain(4, Sel("V1v")); // not nsdgeneral
        Assert.Equal([0, 6], NsdVoxelSelection.Select(Lh, Rh, NsdRoi.Get("V1v"), ncsnrThreshold: 0.2));
        Assert.Equal([0, 5, 6], NsdVoxelSelection.Select(Lh, Rh, NsdRoi.Get("V1v"), ncsnrThreshold: 0.19));
        var zero = new NsdHemisphereColumns([0.0], [G], ["V1"], ["ventral"]);
        var none = new NsdHemisphereColumns([], [], [], []);
        Assert.Empty(NsdVoxelSelection.Select(zero, none, NsdRoi.Get("V1"), ncsnrThreshold: -1)); // ncsnr 0 is outside the mask
        Assert.Equal([true, true, true, true, false, true, true, true, false, true, true], NsdVoxelSelection.NsdGeneralMask(Lh, Rh));
    }

    [Fact]
    public void Mismatched_column_lengths_are_a_clear_error()
    {
        var bad = new NsdHemisphereColumns([1.0, 2.0], [G], ["V1", "V1"], ["x", "y"]);
        var e = Assert.Throws<InvalidDataException>(() => NsdVoxelSelection.Select(bad, Rh, NsdRoi.Get("V1")));
        Assert.Contains("lh", e.Message);
    }

    [Fact]
    public void Ceiling_fixed_is_the_trial_averaged_correlation_and_compat_is_raw()
    {
        Assert.Equal(Math.Sqrt(1.0 / (1.0 + 1.0 / 3)), NsdCeiling.Fixed(1.0, 3), 12);
        Assert.Equal(Math.Sqrt(0.25 / (0.25 + 1.0)), NsdCeiling.Fixed(0.5, 1), 12);
        Assert.Equal(0.0, NsdCeiling.Fixed(0.0, 3));
        Assert.Equal([0.3, 1.7], NsdCeiling.Compute([0.3, 1.7], 3, CompatMode.BBScore));
        var fixedC = NsdCeiling.Compute([0.3, 1.7], 3);
        Assert.All(fixedC, c => Assert.InRange(c, 0.0, 1.0));
        Assert.True(fixedC[1] > fixedC[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => NsdCeiling.Fixed(1, 0));
    }
}
