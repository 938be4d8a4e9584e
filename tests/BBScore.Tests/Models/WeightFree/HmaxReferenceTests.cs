using BBScore.Models.WeightFree;
using static BBScore.Tests.Models.WeightFree.WeightFreeFixtures;

namespace BBScore.Tests.Models.WeightFree;

/// <summary>HMAX stages against the NumPy transcription of the original's hmax_model.py
/// (tests/fixtures/generate_weightfree_fixtures.py) on a 32×32 grey image.</summary>
public class HmaxReferenceTests
{
    const int Side = 32;

    [Fact]
    public void Gabor_filters_match_the_original_definition()
    {
        for (int scale = 0; scale < 16; scale++)
        {
            int size = HmaxGabor.Sizes[scale];
            var (expected, shape) = Float64("hmax", $"gabor_{size:D2}");
            Assert.Equal([4, size, size], shape);
            var actual = HmaxGabor.Orientations.SelectMany(o => HmaxGabor.Filter(size, HmaxGabor.Wavelengths[scale], o)).ToArray();
            Close(expected, actual, 1e-12, $"gabor {size}");
        }
    }

    [Fact]
    public void S1_is_the_normalised_absolute_correlation()
    {
        var (image, _) = Float32("hmax", "image");
        var s1 = new HmaxNetwork().S1(image, Side);
        var (expected, shape) = Float64("hmax", "s1");
        Assert.Equal([16, 4, Side, Side], shape);
        Close(expected, s1.SelectMany(m => m).ToArray(), 1e-5, "s1");
    }

    [Fact]
    public void C1_max_pools_scale_pairs_and_positions()
    {
        var (image, _) = Float32("hmax", "image");
        var c1 = HmaxNetwork.C1(new HmaxNetwork().S1(image, Side), Side);
        for (int band = 0; band < HmaxNetwork.Bands; band++)
        {
            var (expected, shape) = Float64("hmax", $"c1_{band}");
            Assert.Equal(shape[1], c1[band].Side);
            Close(expected, c1[band].Map, 1e-5, $"c1 band {band}");
        }
    }

    [Fact]
    public void S2_and_C2_match_for_a_small_patch_set()
    {
        var (image, _) = Float32("hmax", "image");
        var c1 = HmaxNetwork.C1(new HmaxNetwork().S1(image, Side), Side);
        var (c2Expected, _) = Float64("hmax", "c2");
        var c2 = new List<float>();
        for (int p = 0; p < 2; p++)
        {
            var (weights, shape) = Float32("hmax", $"patches_{p}");
            var scale = new HmaxPatchScale(shape[2], shape[0], weights);
            var s2 = HmaxNetwork.S2(c1, scale);
            for (int band = 0; band < HmaxNetwork.Bands; band++)
            {
                var (expected, s2Shape) = Float64("hmax", $"s2_{p}_{band}");
                Assert.Equal(s2Shape[1], s2[band].Side);
                Close(expected, s2[band].Map, 1e-5, $"s2 scale {p} band {band}");
            }
            c2.AddRange(HmaxNetwork.C2(s2, scale.Count));
        }
        Close(c2Expected, c2, 1e-5, "c2");
    }

    [Fact]
    public void Universal_patch_set_layout_matches_the_original_loader()
    {
        var set = HmaxPatchSet.Load(PathOf("hmax", "patchset.mat"));
        Assert.True(set.IsUniversal);
        Assert.Equal(2, set.Scales.Count);
        for (int p = 0; p < 2; p++)
        {
            var (expected, shape) = Float64("hmax", $"patchset_{p}");
            Assert.Equal(shape[2], set.Scales[p].Size);
            Assert.Equal(shape[0], set.Scales[p].Count);
            Close(expected, set.Scales[p].Weights, 1e-6, $"patch scale {p}");
        }
    }
}
