using System.Text.Json;
using BBScore.Datasets.LeBel;

namespace BBScore.Tests.LeBel;

/// <summary>Per-story temporal RSA against scipy (pdist correlation, spearmanr on finite pairs) on the generator's cases.</summary>
public sealed class LeBelTemporalRsaTests
{
    [Fact]
    public void Matches_scipy_including_a_constant_TR_whose_pairs_drop_out()
    {
        var cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(LeBelFixture.Root, "expected.json"))).RootElement.GetProperty("temporal_rsa");
        int checkedCases = 0;
        foreach (var c in cases.EnumerateArray())
        {
            double? rho = LeBelTemporalRsa.Story(LeBelFixture.Matrix(c.GetProperty("model")), LeBelFixture.Matrix(c.GetProperty("brain")));
            Assert.NotNull(rho);
            Assert.Equal(c.GetProperty("rho").GetDouble(), rho!.Value, 1e-12);
            checkedCases++;
        }
        Assert.Equal(3, checkedCases);
    }

    [Fact]
    public void Short_stories_have_no_rho_and_the_median_skips_them()
    {
        Assert.Null(LeBelTemporalRsa.Story(new double[2, 3], new double[2, 3]));
        Assert.Equal(0.5, LeBelTemporalRsa.Median([0.2, null, 0.8, 0.5]));
        Assert.Equal(0.35, LeBelTemporalRsa.Median([0.2, 0.5]), 1e-15);
        Assert.True(double.IsNaN(LeBelTemporalRsa.Median([null])));
    }
}
