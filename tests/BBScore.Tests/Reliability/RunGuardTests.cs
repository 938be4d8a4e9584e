using BBScore.Data;
using BBScore.Metrics;
using BBScore.Pipeline.Preflight;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Reliability;

/// <summary>The checks around a run say the right thing: the preflight, --offline, progress of unknown size, target RDMs.</summary>
[Collection(EnvironmentCollection.Name)]
public class RunGuardTests
{
    static PreflightRequest Request(IReadOnlySet<string>? cached) =>
        new(1000, 100, 10, [new PreflightLayer("layer4", "layer4", 25_088)], ["ridge"], CachedModelLayers: cached);

    [Fact]
    public void The_disk_preflight_counts_no_space_for_features_already_cached()
    {
        var machine = new MachineResources(1L << 40, "test");
        var uncached = RunPreflight.Estimate(Request(null), machine, "/features", freeDiskBytes: 1 << 20);
        var cached = RunPreflight.Estimate(Request(new HashSet<string> { "layer4" }), machine, "/features", freeDiskBytes: 1 << 20);

        Assert.False(uncached.FitsDisk); // 1,100 × 25,088 float32 do not fit in 1 MiB
        Assert.True(cached.FitsDisk);
        Assert.Equal(0, cached.CacheDiskBytes);
    }

    [Fact]
    public void Offline_without_data_lists_the_missing_files_even_when_memory_would_not_fit()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var limit = new EnvironmentVariableScope(("BBSCORE_MEMORY_LIMIT", "1M"));
        var (code, _, error) = CliRun.Run(home, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "TVSDV1", "--metric", "ridge", "--offline");
        Assert.Equal(1, code);
        Assert.Contains("not available offline", error);
        Assert.Contains("images.zip", error);
        Assert.DoesNotContain("cannot fit", error);
    }

    [Fact]
    public void Progress_of_unknown_size_shows_counts_without_a_fraction()
    {
        var output = new StringWriter();
        new PlainProgress(output, TimeSpan.Zero).Track("download", 0, report =>
        {
            report(1000);
            report(3959);
            return 0;
        });
        string text = output.ToString();
        Assert.Contains("download: 3959 (", text);
        Assert.DoesNotContain("%", text);
        Assert.DoesNotContain("/0", text);
    }

    [Theory]
    [InlineData(0.0, "constant")]
    [InlineData(double.NaN, "no measured pair")]
    public void A_target_rdm_that_cannot_be_correlated_is_refused(double fill, string named)
    {
        const int n = 5;
        var square = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) square[i * n + j] = i == j ? 0 : fill;
        var e = Assert.Throws<ArgumentException>(() => TargetRdmFile.ToCondensed(square, [n, n], n, "--target-rdm rdm.npy", "--stimuli s"));
        Assert.Contains("--target-rdm rdm.npy", e.Message);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void A_target_rdm_with_two_distinct_pairs_is_accepted()
    {
        double[] condensed = [1, 2, double.NaN];
        Assert.Single(TargetRdmFile.ToCondensed(condensed, [3], 3, "--target-rdm rdm.npy", "--stimuli s"));
    }
}
