using BBScore.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Reliability;

/// <summary>Command-line mistakes get one line naming what is wrong, exit code 2, never the whole help text.</summary>
public class CommandLineErrorTests
{
    [Theory]
    [InlineData("frobnicate", "'frobnicate'")]
    [InlineData("run --seed abc", "'abc' for option '--seed'")]
    [InlineData("run --no-such-option 3", "'--no-such-option'")]
    [InlineData("list benchmarkz", "'benchmarkz'")]
    [InlineData("results --limit many", "'many'")]
    public void MistakesGiveOneLineAndExitCodeTwo(string commandLine, string named)
    {
        using var dir = new TempDir();
        var (code, output, error) = CliRun.Run(new DataHome(dir.Path), commandLine.Split(' '));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(named, line);
        Assert.Contains("--help", line);
    }

    [Fact]
    public void DebugShowsTheTraceAndKeepsTheExitCode()
    {
        using var dir = new TempDir();
        string[] args = ["run", "--model", "resnet18", "--layer", "layer4", "--stimuli", Path.Combine(dir.Path, "missing-folder"), "--metric", "ridge"];
        var plain = CliRun.Run(new DataHome(dir.Path), args);
        var debug = CliRun.Run(new DataHome(dir.Path), [.. args, "--debug"]);

        Assert.Equal(2, plain.Code);
        Assert.DoesNotContain("   at ", plain.Err);
        Assert.Equal(2, debug.Code);
        Assert.Contains("   at ", debug.Err);
        Assert.Contains("--stimuli", debug.Err);
    }

    [Fact]
    public void HelpIsStillShownWhenAskedFor()
    {
        using var dir = new TempDir();
        var (code, output, _) = CliRun.Run(new DataHome(dir.Path), "run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--benchmark", output);
    }
}
