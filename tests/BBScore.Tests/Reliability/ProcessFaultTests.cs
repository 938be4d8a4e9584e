using System.Text.Json.Nodes;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Reliability;

/// <summary>Real bbscore processes on one data home: killed with SIGKILL at the points where a crash could leave
/// half-written state, run side by side, and run on a file system that fills up. Every rerun must give the
/// reference result with no stray files.</summary>
public sealed class ProcessFaultTests
{
    const int Images = 24;

    /// <summary>A small custom benchmark (pixel features of 24 images, ridge): a real run in a few seconds.</summary>
    sealed class Workload : IDisposable
    {
        readonly TempDir _dir = new();

        public Workload()
        {
            string folder = System.IO.Path.Combine(_dir.Path, "images");
            TestImages.WriteFolder(folder, Images);
            string targets = System.IO.Path.Combine(_dir.Path, "targets.npy");
            NpyFile.WriteFloat32(targets, TestRdms.Responses(Images, 4, seed: 11), [Images, 4]);
            Args = ["run", "--model", "pixel", "--layer", "pixels", "--stimuli", folder, "--targets", targets, "--metric", "ridge", "--batch-size", "8"];
        }

        public string[] Args { get; }
        public string Root => _dir.Path;
        public void Dispose() => _dir.Dispose();
    }

    /// <summary>The workload's result from a fresh extraction and from the feature cache. A rerun must give the
    /// result of its cache state byte for byte (docs/RELIABILITY.md, "Reproducibility").</summary>
    static readonly Lazy<(Workload Work, string Miss, string Hit)> Reference = new(() =>
    {
        var work = new Workload();
        string home = Path.Combine(work.Root, "reference-home");
        for (int i = 0; i < 2; i++)
        {
            using var run = new CliProcess(home, work.Args);
            var (code, _, error) = run.WaitForExit();
            Assert.True(code == 0, error);
        }
        var files = Directory.GetFiles(Path.Combine(home, "results"), "*.json");
        return (work, MetricsOf(files.Single(f => !CacheHit(f))), MetricsOf(files.Single(CacheHit)));
    });

    static string MetricsOf(string jsonPath) => JsonNode.Parse(File.ReadAllText(jsonPath))!["metrics"]!.ToJsonString();

    static bool CacheHit(string jsonPath) => JsonNode.Parse(File.ReadAllText(jsonPath))!["feature_cache_hit"]!.GetValue<bool>();

    /// <summary>The stored result is the reference of the same cache state, byte for byte: a recovered run
    /// must not be merely close to an uninterrupted one.</summary>
    static void AssertReproduced(string jsonPath)
    {
        var reference = Reference.Value;
        Assert.Equal(CacheHit(jsonPath) ? reference.Hit : reference.Miss, MetricsOf(jsonPath));
    }

    /// <summary>No partial, temporary or lock-less half entries anywhere in the home.</summary>
    static void AssertNoStrayFiles(string home)
    {
        var stray = Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".partial", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal) || f.Contains(".extracting"))
            .ToList();
        Assert.True(stray.Count == 0, "stray files: " + string.Join(", ", stray));
        string features = Path.Combine(home, "features");
        if (!Directory.Exists(features)) return;
        foreach (string npy in Directory.EnumerateFiles(features, "*.npy", SearchOption.AllDirectories))
            Assert.True(File.Exists(Path.ChangeExtension(npy, ".json")), $"{npy} has no sidecar");
    }

    /// <summary>Every JSON result is listed by `bbscore results` and every listed row has its file.</summary>
    static int AssertResultsConsistent(string home)
    {
        using var list = new CliProcess(home, ["results", "--limit", "1000"]);
        var (code, output, error) = list.WaitForExit();
        Assert.True(code == 0, error);
        var files = Directory.GetFiles(Path.Combine(home, "results"), "*.json");
        Assert.Contains($"{files.Length} result(s)", output);
        foreach (string file in files) Assert.Contains(Path.GetFileName(file), output);
        return files.Length;
    }

    [Theory]
    [InlineData(FaultPoints.Extraction)]
    [InlineData(FaultPoints.FeatureWrite)]
    [InlineData(FaultPoints.ResultJson)]
    [InlineData(FaultPoints.ResultRow)]
    public void A_run_killed_at_any_write_point_is_rerun_to_the_identical_result(string point)
    {
        var (work, _, _) = Reference.Value;
        string home = Path.Combine(work.Root, "home-" + point);
        string marker = Path.Combine(work.Root, point + ".reached");
        using (var doomed = new CliProcess(home, work.Args, (FaultPoints.PointVariable, point), (FaultPoints.MarkerVariable, marker)))
        {
            doomed.WaitForMarker(marker);
            doomed.Kill();
        }
        File.Delete(marker);

        using var rerun = new CliProcess(home, work.Args);
        var (code, _, error) = rerun.WaitForExit();
        Assert.True(code == 0, error);
        AssertNoStrayFiles(home);
        var results = Directory.GetFiles(Path.Combine(home, "results"), "*.json");
        Assert.All(results, AssertReproduced); // a result the kill left complete is a correct one
        Assert.Equal(point is FaultPoints.ResultJson or FaultPoints.ResultRow ? 2 : 1, AssertResultsConsistent(home));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Identical_runs_started_together_extract_once_and_all_succeed(int runs)
    {
        var (work, _, _) = Reference.Value;
        string home = Path.Combine(work.Root, $"home-concurrent-{runs}");
        var processes = Enumerable.Range(0, runs).Select(_ => new CliProcess(home, work.Args)).ToList();
        var outcomes = processes.Select(p => p.WaitForExit()).ToList();
        processes.ForEach(p => p.Dispose());

        Assert.All(outcomes, o => Assert.True(o.Code == 0, o.Err));
        Assert.Equal(1, outcomes.Count(o => o.Out.Contains("feature cache: miss")));
        Assert.Equal(runs - 1, outcomes.Count(o => o.Out.Contains("feature cache: hit")));
        AssertNoStrayFiles(home);
        Assert.Equal(runs, AssertResultsConsistent(home));
        Assert.All(Directory.GetFiles(Path.Combine(home, "results"), "*.json"), AssertReproduced);
    }

    /// <summary>Runs the workload on a 64 MiB tmpfs that is filled up when the run reaches <paramref name="point"/>,
    /// then frees the space again. The run must fail with exit 1 and a single error line, without a trace.</summary>
    static (TmpfsMount Disk, string Home, string Output, string ErrorLine) RunUntilTheDiskIsFull(string point)
    {
        var (work, _, _) = Reference.Value;
        var disk = new TmpfsMount(64L << 20);
        string home = Path.Combine(disk.Path, "home");
        string marker = Path.Combine(work.Root, point + ".reached");
        string filler = Path.Combine(disk.Path, "filler");
        try
        {
            using var run = new CliProcess(home, work.Args, (FaultPoints.PointVariable, point), (FaultPoints.MarkerVariable, marker));
            run.WaitForMarker(marker);
            FillUp(filler);
            File.Delete(marker);
            var (code, output, error) = run.WaitForExit();
            File.Delete(filler);
            Assert.Equal(1, code);
            string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", error); // no stack trace
            return (disk, home, output, line);
        }
        catch
        {
            disk.Dispose();
            throw;
        }
    }

    [TmpfsFact]
    public void A_disk_that_fills_up_mid_run_fails_in_one_line_and_leaves_nothing_half_written()
    {
        var (disk, home, _, line) = RunUntilTheDiskIsFull(FaultPoints.Extraction);
        using (disk)
        {
            Assert.Contains("space", line, StringComparison.OrdinalIgnoreCase);
            AssertNoStrayFiles(home);

            using var rerun = new CliProcess(home, Reference.Value.Work.Args);
            var (again, _, againError) = rerun.WaitForExit();
            Assert.True(again == 0, againError);
            AssertReproduced(Directory.GetFiles(Path.Combine(home, "results"), "*.json").Single());
        }
    }

    [TmpfsFact]
    public void A_disk_that_fills_up_before_the_results_database_commit_keeps_the_json_and_prints_the_score()
    {
        var (disk, home, output, line) = RunUntilTheDiskIsFull(FaultPoints.ResultJson);
        using (disk)
        {
            Assert.Contains("score (final_pearson)", output); // the score is shown although it could not be indexed
            Assert.Contains("results.sqlite", line);
            Assert.Contains("the result itself is saved in", line);
            AssertNoStrayFiles(home);
            Assert.Equal(1, AssertResultsConsistent(home)); // indexed once there is space again
            AssertReproduced(Directory.GetFiles(Path.Combine(home, "results"), "*.json").Single());
        }
    }

    static void FillUp(string path)
    {
        var block = new byte[1 << 16];
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException) { /* full */ }
    }
}
