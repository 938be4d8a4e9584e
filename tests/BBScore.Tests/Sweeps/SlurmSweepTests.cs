using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Results;
using BBScore.Sweeps;
using BBScore.Tests.Nsd;
using BBScore.Tests.Slurm;
using BBScore.Tests.Support;

namespace BBScore.Tests.Sweeps;

/// <summary>The sweep on a real cluster (CI: tools/slurm-local.sh's one node): 2 offline models × 3 layers ×
/// 2 NSD fixture benchmarks × 2 metrics as one SLURM job array, one task killed mid-extraction, completed by
/// <c>--retry-failed</c>, and the merged store compared cell for cell with the local executor's. Gated by
/// <see cref="SlurmTestCluster"/>: never skipped.</summary>
[Collection(EnvironmentCollection.Name)]
public class SlurmSweepTests
{
    const string Sweep = """
        models: [resnet18, alexnet_untrained]
        model_layers:
          resnet18: [layer2, layer3, layer4]
          alexnet_untrained: [features.2, features.5, features.12]
        benchmarks: [NSDV1Shared, NSDV4Shared]
        metrics: [ridge, rsa]
        batch_size: 4
        """;

    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Killed_task_is_completed_by_retry_failed_and_the_store_equals_the_local_executors()
    {
        if (SlurmTestCluster.ClientOrFallback() is null) return;
        using var dir = new TempDir();
        using var fixture = new NsdFixture(driveUp: false);
        using var environment = new EnvironmentVariableScope(
            (GcsSource.BaseUrlVariable, fixture.Server.BaseUrl + "/gcs/bbscore_datasets"), ("BBSCORE_SLURM_POLL_MS", "250"));
        dir.WriteText("sweep.yaml", Sweep);
        string sweep = Path.Combine(dir.Path, "sweep.yaml");
        var slurmHome = new DataHome(Path.Combine(dir.Path, "slurm-home"));
        var localHome = new DataHome(Path.Combine(dir.Path, "local-home"));
        foreach (var home in new[] { slurmHome, localHome })
        {
            var download = CliRun.Run(home, "download", "NSDV1Shared");
            Assert.True(download.Code == 0, download.Out + download.Err);
        }

        // Every task pauses after its first batch of features (one marker file per process); the first to pause is killed there.
        string markers = Directory.CreateDirectory(Path.Combine(dir.Path, "markers")).FullName;
        (int Code, string Out, string Err) first;
        int? killed = null;
        using (new EnvironmentVariableScope((FaultPoints.PointVariable, FaultPoints.Extraction),
                                            (FaultPoints.MarkerVariable, Path.Combine(markers, "paused-{pid}"))))
        {
            var submit = Task.Run(() => CliRun.Run(slurmHome, "eval", sweep, "--executor", "slurm", "--time", "00:10:00", "--cpus-per-task", "1"));
            var clock = Stopwatch.StartNew();
            while (!submit.IsCompleted)
            {
                Assert.True(clock.Elapsed < Limit, "the SLURM sweep did not end");
                foreach (string marker in Directory.GetFiles(markers))
                {
                    if (killed is null)
                    {
                        killed = int.Parse(Path.GetFileName(marker)["paused-".Length..], CultureInfo.InvariantCulture);
                        Process.GetProcessById(killed.Value).Kill();
                    }
                    File.Delete(marker);
                }
                await Task.Delay(50);
            }
            first = await submit;
        }
        Assert.NotNull(killed);
        Assert.True(first.Code == 1, first.Out + first.Err);
        var run = SlurmSweepRun.Latest(slurmHome.Root, sweep)!;
        Assert.Equal(4, run.Tasks.Count); // one task per model × benchmark
        // As many arrays as the cluster's MaxArraySize needs (CI's cluster allows indices 0-2: two arrays).
        int perArray = new BBScore.Slurm.SlurmClient().MaxArraySize() - 1;
        Assert.Equal((4 + perArray - 1) / perArray, run.Submissions.Count);
        Assert.Equal(Enumerable.Range(0, 4), run.Submissions.SelectMany(s => s.Indices).Order());
        var storedBefore = Stored(slurmHome);
        var failed = Assert.Single(run.Tasks, t => t.Cells.Any(c => !storedBefore.ContainsKey(c.ToCell(run.Settings).Key)));
        var (array, indexInArray) = run.Locate(failed.Index);
        string failedLog = Path.Combine(run.ArrayFolder(array), "logs", $"{run.LastSubmissionOf(failed.Index).JobId}_{indexInArray}.log");
        Assert.Contains($"failed task {failed.Index} ", first.Err);
        Assert.Contains(failedLog, first.Err);
        Assert.Contains("--retry-failed", first.Out);
        Assert.True(File.Exists(failedLog));
        // The tasks wrote JSON only; the submitter indexed it: 3 tasks × 6 cells, no partial cell of the killed one.
        Assert.Equal(24 - storedBefore.Count, failed.Cells.Count(c => !storedBefore.ContainsKey(c.ToCell(run.Settings).Key)));

        var (code, output, error) = CliRun.Run(slurmHome, "eval", sweep, "--retry-failed");
        Assert.True(code == 0, output + error);
        run = SlurmSweepRun.Latest(slurmHome.Root, sweep)!;
        Assert.Equal([failed.Index], run.Submissions[^1].Indices); // only the failed task went back to the cluster
        string retryLog = Path.Combine(run.ArrayFolder(array), "logs", $"{run.Submissions[^1].JobId}_{indexInArray}.log");
        Assert.Single(File.ReadAllLines(retryLog), l => l.StartsWith("[group]", StringComparison.Ordinal));
        var slurmStore = Stored(slurmHome);
        Assert.Equal(24, slurmStore.Count);
        // The cells stored before the retry are untouched: nothing was scored twice.
        foreach (var (key, before) in storedBefore) Assert.Equal(before.Id, slurmStore[key].Id);
        Assert.Contains("nothing to retry", CliRun.Run(slurmHome, "eval", sweep, "--retry-failed").Out);

        (code, output, error) = CliRun.Run(localHome, "eval", sweep, "--executor", "local", "--jobs", "2");
        Assert.True(code == 0, output + error);
        var localStore = Stored(localHome);
        Assert.Equal(slurmStore.Keys.Order(), localStore.Keys.Order());
        foreach (var (key, slurmResult) in slurmStore)
        {
            var local = localStore[key];
            Assert.Equal((local.Model, local.Layer, local.Benchmark, local.Metric), (slurmResult.Model, slurmResult.Layer, slurmResult.Benchmark, slurmResult.Metric));
            Assert.Equal(Scores(local.JsonPath), Scores(slurmResult.JsonPath));
        }
    }

    [Fact]
    public async Task Retry_while_a_task_still_runs_follows_it_instead_of_submitting_it_again()
    {
        if (SlurmTestCluster.ClientOrFallback() is null) return;
        using var dir = new TempDir();
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        dir.WriteText("one.yaml", "models: [alexnet_untrained]\nlayers: [features.12]\nbenchmarks: [V1SineGratings]\nmetrics: [orientation_selectivity]\nbatch_size: 64\n");
        string sweep = Path.Combine(dir.Path, "one.yaml");
        string marker = Path.Combine(dir.Path, "paused");
        using var environment = new EnvironmentVariableScope(("BBSCORE_SLURM_POLL_MS", "250"),
            (FaultPoints.PointVariable, FaultPoints.Extraction), (FaultPoints.MarkerVariable, marker));
        var submitter = Task.Run(() => CliRun.Run(home, "eval", sweep, "--executor", "slurm"));
        var clock = Stopwatch.StartNew();
        while (!File.Exists(marker))
        {
            Assert.True(clock.Elapsed < Limit && !submitter.IsCompleted, "the task did not reach extraction");
            await Task.Delay(50);
        }
        // A second submitter (the first one's terminal closed, say) finds the task running and follows it.
        var follower = Task.Run(() => CliRun.Run(home, "eval", sweep, "--retry-failed"));
        await Task.Delay(3000); // time to read the store and ask the controller; the task stays paused meanwhile
        File.Delete(marker);
        var (code, output, error) = await follower;
        Assert.True(code == 0, output + error);
        Assert.Contains("task(s) 0 are still queued or running; following them", output);
        Assert.Contains("1 of 1 cell(s) stored", output);
        Assert.Equal(0, (await submitter).Code);
        Assert.Single(SlurmSweepRun.Latest(home.Root, sweep)!.Submissions); // nothing was submitted twice
        Assert.Single(Stored(home));
    }

    static Dictionary<string, StoredResult> Stored(DataHome home) =>
        StoredResults.List(home, new ResultQuery { Limit = 1000 }, _ => { }).Rows.ToDictionary(r => r.Record.CellKey);

    /// <summary>Everything a result says about the numbers (headline, every metric value, labels, ceiling), as written.</summary>
    static string Scores(string jsonPath)
    {
        var json = JsonNode.Parse(File.ReadAllText(jsonPath))!;
        return string.Join("\n", new[] { "headline", "metrics", "labels", "ceiling" }.Select(k => json[k]?.ToJsonString() ?? "-"));
    }
}
