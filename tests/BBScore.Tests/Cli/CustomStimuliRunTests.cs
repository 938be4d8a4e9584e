using System.Text.Json.Nodes;
using BBScore.Data;
using BBScore.Datasets.ImageFiles;
using BBScore.Formats;
using BBScore.Results;
using BBScore.Tests.Support;

namespace BBScore.Tests.Cli;

/// <summary>`bbscore run --stimuli` end to end with the built-in resnet18 on a generated image folder.</summary>
public class CustomStimuliRunTests
{
    static (int Code, string Out, string Err) Run(TempDir dir, params string[] args) => CliRun.Run(new DataHome(Path.Combine(dir.Path, "home")), args);

    static string[] RunArgs(params string[] rest) => ["run", "--model", "resnet18", "--layer", "layer4", "--batch-size", "16", .. rest];

    static string WriteTargets(TempDir dir, int rows, int units = 3, string name = "targets.npy")
    {
        string path = Path.Combine(dir.Path, name);
        NpyFile.WriteFloat32(path, TestRdms.Responses(rows, units, seed: 5), [rows, units]);
        return path;
    }

    [Fact]
    public void RidgeOnAFolderRecordsTheCustomNameAndStimulusHashAndHitsTheCacheOnTheSecondRun()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "my_experiment");
        TestImages.WriteFolder(folder, 20);
        string targets = WriteTargets(dir, 20);
        string[] args = RunArgs("--stimuli", folder, "--targets", targets, "--metric", "ridge");

        var (code, output, error) = Run(dir, args);
        Assert.True(code == 0, error);
        Assert.Contains("ridge on custom:my_experiment (resnet18)", output);
        Assert.Contains("feature cache: miss", output);
        Assert.Equal(0, Run(dir, args).Code);

        using var store = new ResultStore(new DataHome(Path.Combine(dir.Path, "home")).ResultsDatabase);
        var rows = store.Query(new ResultQuery { Benchmark = "custom:my_experiment" });
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].Record.FeatureCacheHit);
        string expectedHash = new ImageFileStimulusSet("x", StimulusList.Read(folder).Files).ContentHash;
        var json = JsonNode.Parse(File.ReadAllText(rows[1].JsonPath))!;
        Assert.Equal("custom:my_experiment", json["benchmark"]!.GetValue<string>());
        Assert.Equal(expectedHash, json["stimulus_set_hash"]!.GetValue<string>());
        Assert.True(double.IsFinite(rows[1].Record.Scores.Headline));
    }

    [Fact]
    public void CsvSplitFitsOnTrainRowsAndScoresTheTestRows()
    {
        using var dir = new TempDir();
        TestImages.WriteFolder(Path.Combine(dir.Path, "imgs"), 16);
        var lines = Enumerable.Range(0, 16).Select(i => $"imgs/img{i:D2}.png,{(i % 4 == 3 ? "test" : "train")}");
        dir.WriteText("exp.csv", "path,split\n" + string.Join("\n", lines) + "\n");
        string targets = WriteTargets(dir, 16);

        var (code, output, error) = Run(dir, RunArgs("--stimuli", Path.Combine(dir.Path, "exp.csv"), "--targets", targets, "--metric", "ridge"));
        Assert.True(code == 0, error);
        Assert.Contains("ridge on custom:exp", output);
        Assert.Contains("from custom:exp:test: 0/4", error); // the 4 test images are extracted as their own set
    }

    [Fact]
    public void RsaOnAFolderAgainstStackedSubjectRdms()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "imgs");
        TestImages.WriteFolder(folder, 10);
        string rdm = Path.Combine(dir.Path, "rdm.npy");
        TestRdms.WriteStackedSquare(rdm, subjects: 3, stimuli: 10);

        var (code, output, error) = Run(dir, RunArgs("--stimuli", folder, "--target-rdm", rdm, "--metric", "rsa"));
        Assert.True(code == 0, error);
        Assert.Contains("rsa on custom:imgs", output);
        Assert.Contains("rsa_scores_per_subject.spearman", output);
        Assert.Contains("noise_ceiling_lower.spearman", output);
    }

    [Fact]
    public void BenchmarkAndStimuliAreMutuallyExclusive()
    {
        using var dir = new TempDir();
        var (code, _, error) = Run(dir, RunArgs("--benchmark", "V1SineGratings", "--stimuli", dir.Path, "--targets", "t.npy"));
        Assert.Equal(2, code);
        Assert.Contains("--benchmark and --stimuli are mutually exclusive", error);
    }

    [Theory]
    [InlineData("--targets", "go with --stimuli")]
    [InlineData("--target-rdm", "go with --stimuli")]
    public void TargetsWithoutStimuliAreRefused(string option, string message)
    {
        using var dir = new TempDir();
        var (code, _, error) = Run(dir, RunArgs("--benchmark", "V1SineGratings", option, "t.npy"));
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void StimuliNeedExactlyOneKindOfTarget()
    {
        using var dir = new TempDir();
        Assert.Contains("needs what to score against", Run(dir, RunArgs("--stimuli", dir.Path)).Err);
        Assert.Contains("not both", Run(dir, RunArgs("--stimuli", dir.Path, "--targets", "a.npy", "--target-rdm", "b.npy")).Err);
    }

    [Fact]
    public void MissingAndEmptyFoldersExitWithCodeTwo()
    {
        using var dir = new TempDir();
        string missing = Path.Combine(dir.Path, "nope");
        var (code, _, error) = Run(dir, RunArgs("--stimuli", missing, "--targets", "t.npy"));
        Assert.Equal(2, code);
        Assert.Contains(missing, error);

        string empty = Path.Combine(dir.Path, "empty");
        Directory.CreateDirectory(empty);
        (code, _, error) = Run(dir, RunArgs("--stimuli", empty, "--targets", "t.npy"));
        Assert.Equal(2, code);
        Assert.Contains("no images found", error);
    }

    [Fact]
    public void TargetRowsMustMatchTheImageCount()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "imgs");
        TestImages.WriteFolder(folder, 5);
        string targets = WriteTargets(dir, 7);
        var (code, _, error) = Run(dir, RunArgs("--stimuli", folder, "--targets", targets, "--metric", "ridge"));
        Assert.Equal(2, code);
        Assert.Contains($"--targets {targets} has 7 rows but --stimuli {folder} lists 5 images", error);
    }

    [Fact]
    public void TargetRdmOverOtherStimuliNamesBothCounts()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "imgs");
        TestImages.WriteFolder(folder, 5);
        string rdm = Path.Combine(dir.Path, "rdm.npy");
        TestRdms.WriteStackedSquare(rdm, subjects: 2, stimuli: 6);
        var (code, _, error) = Run(dir, RunArgs("--stimuli", folder, "--target-rdm", rdm, "--metric", "rsa"));
        Assert.Equal(2, code);
        Assert.Contains("RDM over 6 stimuli", error);
        Assert.Contains($"--stimuli {folder} has 5", error);
    }

    [Fact]
    public void TargetRdmIsOnlyForRsa()
    {
        using var dir = new TempDir();
        TestImages.WriteFolder(dir.Path, 4);
        var (code, _, error) = Run(dir, RunArgs("--stimuli", dir.Path, "--target-rdm", "rdm.npy", "--metric", "ridge"));
        Assert.Equal(2, code);
        Assert.Contains("only by the rsa metric", error);
    }

    [Fact]
    public void TargetRdmWithATestSplitIsRefused()
    {
        using var dir = new TempDir();
        TestImages.WriteFolder(Path.Combine(dir.Path, "imgs"), 4);
        dir.WriteText("exp.csv", "path,split\nimgs/img00.png,train\nimgs/img01.png,train\nimgs/img02.png,train\nimgs/img03.png,test\n");
        string rdm = Path.Combine(dir.Path, "rdm.npy");
        TestRdms.WriteStackedSquare(rdm, subjects: 1, stimuli: 3);
        var (code, _, error) = Run(dir, RunArgs("--stimuli", Path.Combine(dir.Path, "exp.csv"), "--target-rdm", rdm, "--metric", "rsa"));
        Assert.Equal(2, code);
        Assert.Contains("marks 1 as 'test'", error);
    }

    [Fact]
    public void UnreadableImageIsNamed()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "imgs");
        TestImages.WriteFolder(folder, 4);
        File.WriteAllText(Path.Combine(folder, "img02.png"), "not a png");
        string targets = WriteTargets(dir, 4);
        var (code, _, error) = Run(dir, RunArgs("--stimuli", folder, "--targets", targets, "--metric", "ridge"));
        Assert.Equal(1, code);
        Assert.Contains(Path.Combine(folder, "img02.png"), error);
        Assert.Contains("not a readable image", error);
    }
}

/// <summary>Runs that set BBSCORE_MEMORY_LIMIT (process-wide), so they stay out of parallel tests.</summary>
[Collection(EnvironmentCollection.Name)]
public class AutomaticBatchSizeRunTests
{
    // A fresh data home per run: the batch size is chosen only when features are extracted, not on a cache hit.
    static (int Code, string Out, string Err) Run(TempDir dir, params string[] args) =>
        CliRun.Run(new DataHome(Path.Combine(dir.Path, "home-" + Guid.NewGuid().ToString("N"))), args);

    static string WriteTargets(TempDir dir, int rows)
    {
        string path = Path.Combine(dir.Path, "targets.npy");
        NpyFile.WriteFloat32(path, TestRdms.Responses(rows, 3, seed: 5), [rows, 3]);
        return path;
    }

    /// <summary>Without --batch-size the batch comes from free memory: a tight BBSCORE_MEMORY_LIMIT gives a
    /// small batch, a roomy one the largest (16).</summary>
    [Fact]
    public void WithoutABatchSizeTheBatchIsChosenFromFreeMemory()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "imgs");
        TestImages.WriteFolder(folder, 20);
        string[] args = ["run", "--model", "resnet18", "--layer", "layer4", "--stimuli", folder, "--targets", WriteTargets(dir, 20), "--metric", "ridge"];

        using (new EnvironmentVariableScope((Pipeline.Preflight.MachineResources.MemoryLimitVariable, "64G")))
        {
            var (code, output, error) = Run(dir, args);
            Assert.True(code == 0, error);
            Assert.Contains($"batch size {BBScore.Models.AutoBatchSize.Largest} (chosen from free memory", output + error);
        }
        // The built-in resnet18's modules hold ~3 million floats per image (~12 MB): a quarter of 400 MB fits a few,
        // and the run itself (~310 MiB by the preflight) still fits.
        using (new EnvironmentVariableScope((Pipeline.Preflight.MachineResources.MemoryLimitVariable, "400M")))
        {
            var (code, output, error) = Run(dir, args);
            Assert.True(code == 0, error);
            var chosen = System.Text.RegularExpressions.Regex.Match(output + error, @"batch size (\d+) \(chosen from free memory");
            Assert.True(chosen.Success, output + error);
            Assert.InRange(int.Parse(chosen.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, BBScore.Models.AutoBatchSize.Largest - 1);
        }
    }
}
