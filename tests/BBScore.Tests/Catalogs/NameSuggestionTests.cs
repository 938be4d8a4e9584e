using BBScore.Metrics;

namespace BBScore.Tests.Catalogs;

public class NameSuggestionTests
{
    [Fact]
    public void TyposSuggestTheIntendedName()
    {
        Assert.Equal("orientation_selectivity", NameSuggestions.Closest("orientation_selectivty", MetricCatalog.All.Select(m => m.Key))[0]);
        Assert.Contains("ridge", NameSuggestions.Closest("rigde", MetricCatalog.All.Select(m => m.Key)));
        Assert.Empty(NameSuggestions.Closest("zzzzzzzz", ["ridge", "pls"]));
    }

    [Fact]
    public void UnknownMetricFailsWithSuggestions()
    {
        var e = Assert.Throws<UnknownNameException>(() => MetricCatalog.Find("orientation_selectivty"));
        Assert.Contains("orientation_selectivity", e.Message);
    }

    [Fact]
    public void EveryMetricOfTheOriginalsRegistryIsAvailable()
    {
        // The physion_* metrics were the last known-but-unavailable keys; all 22 now have factories.
        Assert.Equal(22, MetricCatalog.All.Count);
        Assert.All(MetricCatalog.All, e => Assert.True(e.Available, e.Key));
    }

    [Fact]
    public void CompatibilityTableFollowsTheOriginalsPrefixes()
    {
        Assert.Contains("orientation_selectivity", MetricCompatibility.CompatibleMetrics("V1StaticFullFieldSineGratings")!);
        Assert.DoesNotContain("orientation_selectivity", MetricCompatibility.CompatibleMetrics("NSDV1Shared")!);
        Assert.Equal(["ridge", "temporal_rsa"], MetricCompatibility.CompatibleMetrics("LeBel2023TRUTS01")!);
        Assert.True(MetricCompatibility.IsCompatible("anything", "UnknownBenchmark"));
        Assert.False(MetricCompatibility.IsCompatible("ridge", "SSV2"));
    }
}
