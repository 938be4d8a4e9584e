using System.Text.Json;
using BBScore.Data;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Cli;

/// <summary>`bbscore score --target-rdm`: precomputed RDMs instead of responses, for rsa only.</summary>
public class ScoreTargetRdmTests
{
    static (int Code, string Out, string Err) Run(TempDir dir, params string[] args) => CliRun.Run(new DataHome(Path.Combine(dir.Path, "home")), args);

    static (string Features, string Rdm) WriteFiles(TempDir dir, int stimuli = 8, int rdmStimuli = 8, int subjects = 3)
    {
        string features = Path.Combine(dir.Path, "X.npy");
        NpyFile.WriteFloat32(features, TestRdms.Responses(stimuli, 6, seed: 9), [stimuli, 6]);
        string rdm = Path.Combine(dir.Path, "rdm.npy");
        TestRdms.WriteStackedSquare(rdm, subjects, rdmStimuli);
        return (features, rdm);
    }

    [Fact]
    public void RsaScoresEachSubjectAndWritesJson()
    {
        using var dir = new TempDir();
        var (features, rdm) = WriteFiles(dir);
        string json = Path.Combine(dir.Path, "out.json");
        var (code, output, error) = Run(dir, "score", "--metric", "rsa", "--features", features, "--target-rdm", rdm, "--output", json);
        Assert.True(code == 0, error);
        Assert.Contains("rsa_scores.spearman", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("rsa", document.RootElement.GetProperty("metric").GetString());
    }

    [Fact]
    public void CondensedSingleSubjectRdmWorksToo()
    {
        using var dir = new TempDir();
        var (features, _) = WriteFiles(dir);
        string rdm = Path.Combine(dir.Path, "condensed.npy");
        NpyFile.WriteFloat32(rdm, TestRdms.Responses(28, 1, seed: 3), [28]);
        var (code, output, error) = Run(dir, "score", "--metric", "rsa", "--features", features, "--target-rdm", rdm);
        Assert.True(code == 0, error);
        Assert.Contains("rsa_scores.spearman", output);
    }

    [Fact]
    public void OtherMetricsRefuseATargetRdm()
    {
        using var dir = new TempDir();
        var (features, rdm) = WriteFiles(dir);
        var (code, _, error) = Run(dir, "score", "--metric", "ridge", "--features", features, "--target-rdm", rdm);
        Assert.Equal(2, code);
        Assert.Contains("--target-rdm is accepted only by the rsa metric", error);
    }

    [Fact]
    public void RdmOverOtherStimuliNamesBothCounts()
    {
        using var dir = new TempDir();
        var (features, rdm) = WriteFiles(dir, stimuli: 8, rdmStimuli: 9);
        var (code, _, error) = Run(dir, "score", "--metric", "rsa", "--features", features, "--target-rdm", rdm);
        Assert.Equal(2, code);
        Assert.Contains($"--target-rdm {rdm} is an RDM over 9 stimuli, but --features {features} has 8", error);
    }

    [Fact]
    public void TargetsAndTargetRdmTogetherOrNeitherAreRefused()
    {
        using var dir = new TempDir();
        var (features, rdm) = WriteFiles(dir);
        var (code, _, error) = Run(dir, "score", "--metric", "rsa", "--features", features, "--target-rdm", rdm, "--targets", features);
        Assert.Equal(2, code);
        Assert.Contains("not both", error);
        (code, _, error) = Run(dir, "score", "--metric", "rsa", "--features", features);
        Assert.Equal(2, code);
        Assert.Contains("--targets is required", error);
    }

    [Fact]
    public void TestSetOptionsDoNotApplyToATargetRdm()
    {
        using var dir = new TempDir();
        var (features, rdm) = WriteFiles(dir);
        var (code, _, error) = Run(dir, "score", "--metric", "rsa", "--features", features, "--target-rdm", rdm,
            "--test-features", features, "--test-targets", features);
        Assert.Equal(2, code);
        Assert.Contains("do not apply", error);
    }
}
