using BBScore.Cli;
using BBScore.Data;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Cli;

/// <summary>The bbscore command as a user runs it, in-process, against a temporary data home.</summary>
public class CliTests
{
    static (int Code, string Out, string Err) Run(DataHome home, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BBScoreCli.Run(args, output, error, home, new PlainProgress(error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void ListBenchmarksShowsTheGratingsWithAlias()
    {
        using var dir = new TempDir();
        var (code, output, _) = Run(new DataHome(dir.Path), "list", "benchmarks");
        Assert.Equal(0, code);
        Assert.Contains("V1StaticFullFieldSineGratings", output);
        Assert.Contains("V1SineGratings", output);
        Assert.Contains("orientation_selectivity", output);
    }

    [Fact]
    public void ListMetricsShowsAllTwentyTwoKeys()
    {
        using var dir = new TempDir();
        var (code, output, _) = Run(new DataHome(dir.Path), "list", "metrics");
        Assert.Equal(0, code);
        Assert.Equal(22, output.Split('\n').Count(l => l.Contains("available") || l.Contains("not yet")));
    }

    [Theory]
    [InlineData("--benchmark", "V1SineGratingz", "V1SineGratings")]
    [InlineData("--metric", "orientation_selectivty", "orientation_selectivity")]
    [InlineData("--model", "resnet81", "resnet18")]
    [InlineData("--layer", "layr4", "layer4")]
    public void UnknownNamesExitWithCodeTwoAndSuggestions(string option, string wrong, string suggestion)
    {
        using var dir = new TempDir();
        var args = new Dictionary<string, string>
        {
            ["--model"] = "resnet18", ["--layer"] = "layer4", ["--benchmark"] = "V1SineGratings", ["--metric"] = "orientation_selectivity",
        };
        args[option] = wrong;
        var (code, _, error) = Run(new DataHome(dir.Path), ["run", .. args.SelectMany(p => new[] { p.Key, p.Value })]);
        Assert.Equal(2, code);
        Assert.Contains(suggestion, error);
    }

    [Fact]
    public void CudaDeviceWithoutCudaBuildStopsWithAClearMessage()
    {
        using var dir = new TempDir();
        var (code, _, error) = Run(new DataHome(dir.Path), "run", "--model", "resnet18", "--layer", "layer4",
            "--benchmark", "V1SineGratings", "--metric", "orientation_selectivity", "--device", "cuda:0");
        Assert.NotEqual(0, code);
        Assert.Contains("--device cpu", error);
    }

    [Fact]
    public void CheckReportsTheMachine()
    {
        using var dir = new TempDir();
        var (code, output, _) = Run(new DataHome(dir.Path), "check");
        Assert.Equal(0, code);
        Assert.Contains("cores:", output);
        Assert.Contains("matmul ok", output);
        Assert.Contains("ONNX Runtime", output);
    }

    [Fact]
    public void LayersListsResNetStagesWithShapes()
    {
        using var dir = new TempDir();
        var (code, output, _) = Run(new DataHome(dir.Path), "layers", "resnet18");
        Assert.Equal(0, code);
        Assert.Contains("resnet.encoder.stages.3", output);
        Assert.Contains("(512, 7, 7)", output);
        Assert.Contains("layer4", output);
    }
}
