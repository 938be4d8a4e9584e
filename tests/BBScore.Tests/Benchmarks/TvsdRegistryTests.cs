using BBScore.Benchmarks;
using BBScore.Cli;
using BBScore.Data;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Benchmarks;

/// <summary>Every TVSD name of the original (spec §3.3: 8 model, 4 online, 56 assembly-to-assembly) is registered
/// with the right kind, and the names resolve to the recordings they say.</summary>
public sealed class TvsdRegistryTests
{
    static readonly string[] ModelNames =
        ["TVSDFull", "TVSDV1", "TVSDV4", "TVSDIT", "TVSDFull10msBins", "TVSDV110msBins", "TVSDV410msBins", "TVSDIT10msBins"];

    static readonly string[] OnlineNames = ["OnlineTVSDFull", "OnlineTVSDV1", "OnlineTVSDV4", "OnlineTVSDIT"];

    // Copied from the spec's list, not generated, so the generated table is checked against it.
    static readonly string[] AssemblyNames =
    [
        "TVSDMonkeyFV1toNV1", "TVSDMonkeyNV1toFV1", "TVSDMonkeyFV4toNV4", "TVSDMonkeyNV4toFV4", "TVSDMonkeyFITtoNIT",
        "TVSDMonkeyNITtoFIT", "TVSDMonkeyFFulltoNFull", "TVSDMonkeyNFulltoFFull", "TVSDMonkeyFV1toNV4", "TVSDMonkeyFV1toNIT",
        "TVSDMonkeyFV1toFV4", "TVSDMonkeyFV1toFIT", "TVSDMonkeyFV4toNV1", "TVSDMonkeyFV4toNIT", "TVSDMonkeyFV4toFV1",
        "TVSDMonkeyFV4toFIT", "TVSDMonkeyFITtoFV1", "TVSDMonkeyFITtoFV4", "TVSDMonkeyFITtoNV1", "TVSDMonkeyFITtoNV4",
        "TVSDMonkeyNV1toNV4", "TVSDMonkeyNV1toNIT", "TVSDMonkeyNV1toFV4", "TVSDMonkeyNV1toFIT", "TVSDMonkeyNV4toNV1",
        "TVSDMonkeyNV4toNIT", "TVSDMonkeyNV4toFV1", "TVSDMonkeyNV4toFIT", "TVSDMonkeyNITtoFV1", "TVSDMonkeyNITtoFV4",
        "TVSDMonkeyNITtoNV1", "TVSDMonkeyNITtoNV4",
        "TVSDMonkeyFV1toNV110ms", "TVSDMonkeyNV1toFV110ms", "TVSDMonkeyFV4toNV410ms", "TVSDMonkeyNV4toFV410ms",
        "TVSDMonkeyFITtoNIT10ms", "TVSDMonkeyNITtoFIT10ms", "TVSDMonkeyFV1toNV410ms", "TVSDMonkeyFV1toNIT10ms",
        "TVSDMonkeyFV4toNV110ms", "TVSDMonkeyFV4toNIT10ms", "TVSDMonkeyFITtoNV110ms", "TVSDMonkeyFITtoNV410ms",
        "TVSDMonkeyNV1toFV410ms", "TVSDMonkeyNV1toFIT10ms", "TVSDMonkeyNV4toFV110ms", "TVSDMonkeyNV4toFIT10ms",
        "TVSDMonkeyNITtoFV110ms", "TVSDMonkeyNITtoFV410ms",
        "TVSD_V1_to_V4", "TVSD_V1_to_IT", "TVSD_V4_to_IT", "TVSD_V1_to_V4_10ms", "TVSD_V1_to_IT_10ms", "TVSD_V4_to_IT_10ms",
    ];

    [Fact]
    public void All_68_names_are_registered_once_with_their_kind()
    {
        var tvsd = BenchmarkCatalog.All.Where(b => b.Family == TvsdBenchmarks.Family).ToList();
        Assert.Equal(68, tvsd.Count);
        Assert.Equal(ModelNames.Concat(OnlineNames).Concat(AssemblyNames).Order(), tvsd.Select(b => b.Name).Order());
        Assert.All(ModelNames, n => Assert.Equal(BenchmarkKind.Offline, BenchmarkCatalog.Resolve(n).Kind));
        Assert.All(OnlineNames, n => Assert.Equal(BenchmarkKind.Online, BenchmarkCatalog.Resolve(n).Kind));
        Assert.All(AssemblyNames, n => Assert.Equal(BenchmarkKind.AssemblyToAssembly, BenchmarkCatalog.Resolve(n).Kind));
    }

    [Theory]
    [InlineData("TVSDMonkeyFV1toNV4", "TVSDAssemblyMonkeyFV1 -> TVSDAssemblyMonkeyNV4", 256)]
    [InlineData("TVSDMonkeyNITtoFV410ms", "TVSDAssemblyMonkeyNIT10msBins -> TVSDAssemblyMonkeyFV410msBins", 192 * 18)]
    [InlineData("TVSD_V4_to_IT", "TVSDAssemblyV4 -> TVSDAssemblyIT", 256 + 320)]
    [InlineData("TVSD_V1_to_IT_10ms", "TVSDAssemblyV110msBins -> TVSDAssemblyIT10msBins", (256 + 320) * 18)]
    public void Assembly_names_map_to_the_recordings_they_say(string name, string pair, long targets)
    {
        var spec = BenchmarkCatalog.Resolve(name);
        Assert.StartsWith(pair + ":", spec.Description);
        Assert.Equal(targets, spec.Size!.TargetsPerStimulus);
    }

    [Theory]
    [InlineData("TVSDV1", 1024L)]
    [InlineData("TVSDV4", 448L)]
    [InlineData("TVSDIT", 576L)]
    [InlineData("TVSDFull", 2048L)]
    [InlineData("TVSDFull10msBins", 2048L * 18)] // really 10 ms bins (the original used the default window)
    public void Model_benchmarks_publish_their_size(string name, long targets)
    {
        var spec = BenchmarkCatalog.Resolve(name);
        Assert.Equal(new BenchmarkSize(22_248, 100, targets), spec.Size);
    }

    [Fact]
    public void Online_names_refuse_an_offline_metric_before_anything_is_fetched()
    {
        using var dir = new TempDir();
        var output = new StringWriter();
        var errors = new StringWriter();
        int rc = BBScoreCli.Run(["run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "OnlineTVSDV4", "--metric", "ridge"],
                                output, errors, new DataHome(dir.Path), new PlainProgress(errors));
        Assert.Equal(2, rc);
        Assert.Contains("--metric online_linear_regressor", errors.ToString());
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "datasets")), "nothing may be downloaded");
    }

    [Fact]
    public void List_benchmarks_shows_every_tvsd_name()
    {
        using var dir = new TempDir();
        var output = new StringWriter();
        Assert.Equal(0, BBScoreCli.Run(["list", "benchmarks"], output, new StringWriter(), new DataHome(dir.Path), SilentProgress.Instance));
        foreach (string name in ModelNames.Concat(OnlineNames).Concat(AssemblyNames))
            Assert.Contains(name, output.ToString());
    }
}
