using BBScore.Cli;
using BBScore.Data;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Preflight;

/// <summary>`bbscore check --benchmark …` and the preflight of `bbscore run`; BBSCORE_MEMORY_LIMIT states the budget.</summary>
[Collection(EnvironmentCollection.Name)]
public class PreflightCliTests
{
    static (int Code, string Out, string Err) Run(DataHome home, params string[] args) => CliRun.Run(home, args);

    static readonly string[] Check = ["check", "--benchmark", "V1SineGratings", "--model", "resnet18", "--layer", "layer4", "--metric", "ridge"];

    [Fact]
    public void CheckPrintsTheEstimateAndFits()
    {
        using var dir = new TempDir();
        using var limit = new EnvironmentVariableScope(("BBSCORE_MEMORY_LIMIT", "1T"));
        var (code, output, error) = Run(new DataHome(dir.Path), Check);
        Assert.True(code == 0, output + error);
        Assert.Contains("cores:", output); // the machine facts stay
        Assert.Contains("preflight:", output);
        Assert.Contains("layer4: 25,088 per stimulus", output);
        Assert.Contains("peak memory:", output);
        Assert.Contains("BBSCORE_MEMORY_LIMIT=1T", output);
        Assert.Contains("verdict:      fits", output);
    }

    [Fact]
    public void CheckRefusesWithTheFixWhenMemoryIsTooSmall()
    {
        using var dir = new TempDir();
        using var limit = new EnvironmentVariableScope(("BBSCORE_MEMORY_LIMIT", "1M"));
        var (code, output, error) = Run(new DataHome(dir.Path), Check);
        Assert.True(code == 1, output + error);
        Assert.Contains("does not fit in memory", output);
        Assert.Contains("--random-projection sparse", output);
    }

    [Fact]
    public void RunRefusesBeforeExtractingAnything()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var limit = new EnvironmentVariableScope(("BBSCORE_MEMORY_LIMIT", "1M"));
        var (code, output, error) = Run(home, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "V1SineGratings",
            "--metric", "ridge", "--batch-size", "32");
        Assert.True(code == 1, output + error);
        Assert.Contains("cannot fit", error);
        Assert.Contains("--random-projection sparse", error);
        Assert.False(Directory.Exists(home.FeaturesDir) && Directory.EnumerateFiles(home.FeaturesDir, "*", SearchOption.AllDirectories).Any(),
            "no feature cache file may be written");
    }

    /// <summary>The lecture's "V1 offline (CPU-friendly)" command: 22,248 images × 200,704 features cannot be held in memory
    /// at all; streamed from the feature cache it fits a 16 GB laptop without a random projection.</summary>
    [Fact]
    public void The_lecture_tvsd_command_fits_in_16G_by_streaming_the_features()
    {
        using var dir = new TempDir();
        var (code, output, error) = Run(new DataHome(dir.Path), "check", "--benchmark", "TVSDV1", "--model", "resnet18",
            "--layer", "_orig_mod.resnet.encoder.stages.0", "--metric", "ridge", "--memory-limit", "16G");
        Assert.True(code == 0, output + error);
        Assert.Contains("--memory-limit 16G", output);
        Assert.Contains("features streamed from the feature cache", output);
        Assert.Contains("-> streamed", output);
        Assert.Contains("verdict:      fits", output);
        Assert.DoesNotContain("--random-projection", output);
    }

    [Fact]
    public void A_memory_limit_that_is_not_a_size_is_refused_naming_the_option()
    {
        using var dir = new TempDir();
        var (code, output, error) = Run(new DataHome(dir.Path), "check", "--benchmark", "TVSDV1", "--model", "resnet18",
            "--layer", "_orig_mod.resnet.encoder.stages.0", "--memory-limit", "lots");
        Assert.Equal(2, code);
        Assert.Contains("--memory-limit must be a byte count", error);
    }
}
