using BBScore.Data;
using BBScore.Slurm;
using BBScore.Sweeps;
using BBScore.Tests.Support;
using Xunit;

namespace BBScore.Tests.Sweeps;

/// <summary>Fitting groups to memory, sharing the budget between concurrent groups, the SLURM run file and task
/// scripts, and the plan's estimates through the CLI.</summary>
public class SweepScheduleTests
{
    static SweepGroup Group(int layers, string model = "m") =>
        SweepPlan.Make(Enumerable.Range(0, layers).Select(i => new SweepCell(model, $"l{i}", "V1StaticFullFieldSineGratings", "ridge", new SweepSettings())).ToList(),
            new HashSet<string>()).Groups.Single();

    [Fact]
    public void A_group_too_large_for_the_budget_is_split_into_the_fewest_consecutive_layer_chunks_that_fit()
    {
        // 100 bytes per layer plus 50 fixed: a budget of 380 holds three layers.
        GroupEstimate Estimate(SweepGroup g) => new(50 + 100L * g.Layers.Count, null);
        var fitted = SweepGroupFitter.Fit([Group(7), Group(2, "small")], Estimate, 380);
        Assert.Equal([["l0", "l1", "l2"], ["l3", "l4", "l5"], ["l6"], ["l0", "l1"]], fitted.Select(f => f.Group.Layers.ToArray()));
        Assert.Equal([1, 2, 3, 4], fitted.Select(f => f.Group.Index));
        Assert.Equal([350L, 350, 150, 250], fitted.Select(f => f.Estimate.PeakMemoryBytes!.Value));
        // Every cell is in exactly one group, with its own layer.
        Assert.Equal(9, fitted.Sum(f => f.Group.Cells.Count));
        Assert.All(fitted, f => Assert.All(f.Group.Cells, c => Assert.Contains(c.Layer, f.Group.Layers)));
    }

    [Fact]
    public void A_layer_that_cannot_fit_alone_runs_alone_and_is_flagged_and_unknown_estimates_are_not_split()
    {
        var fitted = SweepGroupFitter.Fit([Group(3)], g => new GroupEstimate(g.Layers.Contains("l1") ? 1000 : 10L * g.Layers.Count, null), 100);
        Assert.Equal([["l0"], ["l1"], ["l2"]], fitted.Select(f => f.Group.Layers.ToArray()));
        Assert.Equal([false, true, false], fitted.Select(f => f.TooLarge(100)));
        var unknown = SweepGroupFitter.Fit([Group(3)], _ => new GroupEstimate(null, "not downloaded"), 100);
        Assert.Equal(3, Assert.Single(unknown).Group.Layers.Count);
    }

    [Fact]
    public async Task Memory_budget_holds_a_group_back_until_the_running_ones_release_enough()
    {
        var budget = new MemoryBudget(100);
        long first = budget.Acquire(70, CancellationToken.None);
        var second = Task.Run(() => budget.Acquire(50, CancellationToken.None));
        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(300))); // 70 + 50 > 100
        budget.Release(first);
        Assert.Same(second, await Task.WhenAny(second, Task.Delay(5000)));
        budget.Release(await second);
        Assert.Equal(100, budget.Acquire(500, CancellationToken.None)); // more than the total: capped, so it runs alone
    }

    [Fact]
    public void Slurm_run_file_round_trips_and_the_latest_run_is_found()
    {
        using var dir = new TempDir();
        var cell = new SlurmSweepCell("resnet18", "layer4", "NSDV1Shared", "ridge");
        var settings = new SweepSettings(Seed: 7, RandomProjection: "sparse");
        var run = new SlurmSweepRun(Path.Combine(dir.Path, "sweeps", "s", "20260101-000000-000"), "/x/s.yaml", settings,
            new SlurmResources(Partition: "gpu", Mem: "32G", CpusPerTask: 4), 1000, [new SlurmSweepTask(0, "resnet18 × NSDV1Shared", [cell])], [])
            .WithSubmission("17", [0]).WithSubmission("21", [0]);
        run.Save();
        new SlurmSweepRun(Path.Combine(dir.Path, "sweeps", "s", "20250101-000000-000"), "/x/s.yaml", settings, new SlurmResources(), 1000, [], []).Save();

        var loaded = SlurmSweepRun.Latest(dir.Path, "/elsewhere/s.yaml")!;
        Assert.Equal(run.Directory, loaded.Directory);
        Assert.Equal((settings, run.Resources), (loaded.Settings, loaded.Resources));
        Assert.Equal(cell.ToCell(settings).Key, loaded.Tasks[0].Cells[0].ToCell(loaded.Settings).Key);
        Assert.Equal("21", loaded.LastSubmissionOf(0).JobId);
        Assert.Null(SlurmSweepRun.Latest(dir.Path, "other.yaml"));

        File.WriteAllText(loaded.RunFile, "{ not json");
        var e = Assert.Throws<InvalidDataException>(() => SlurmSweepRun.Latest(dir.Path, "s.yaml"));
        Assert.Contains("--executor slurm", e.Message);
    }

    [Fact]
    public void Tasks_beyond_one_arrays_size_go_to_further_arrays_in_their_own_folders()
    {
        var tasks = Enumerable.Range(0, 7).Select(i => new SlurmSweepTask(i, "", [])).ToList();
        var run = new SlurmSweepRun("/r", "/s.yaml", new SweepSettings(), new SlurmResources(), 3, tasks, []);
        Assert.Equal(3, run.ArrayCount);
        Assert.Equal([(0, 0), (0, 2), (1, 0), (2, 0)], new[] { 0, 2, 3, 6 }.Select(run.Locate));
        Assert.Equal([3, 3, 1], Enumerable.Range(0, 3).Select(run.ArrayLength));
        Assert.Equal("/r/array-2", run.ArrayFolder(2));
    }

    [Fact]
    public void Task_script_points_at_the_shared_home_defers_the_index_and_quotes_every_argument()
    {
        var home = new DataHome("/shared/bb home", "/shared/res");
        var group = SweepPlan.Make([new SweepCell("resnet18", "it's", "NSDV1Shared", "ridge", new SweepSettings())], new HashSet<string>()).Groups.Single();
        string script = SweepTaskScript.Write(new SelfCommand("/opt/dotnet", ["/opt/bb/BBScore.Cli.dll"]), home, [group, group]);
        Assert.Contains("export BBSCORE_HOME='/shared/bb home'\n", script);
        Assert.Contains("export RESULTS_PATH='/shared/res'\n", script);
        Assert.Contains("export BBSCORE_RESULTS_INDEX=deferred\n", script);
        Assert.Contains("'--layer' 'it'\\''s'", script);
        Assert.Equal(2, script.Split('\n').Count(l => l.StartsWith("'/opt/dotnet' '/opt/bb/BBScore.Cli.dll' 'run'", StringComparison.Ordinal)));
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("set -eu\n", script); // the first failing group fails the task
    }

    [Fact]
    public void Deferred_index_writes_the_json_only_and_the_next_listing_indexes_it()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path) { DeferResultsIndex = true };
        var record = new BBScore.Results.ResultRecord
        {
            Id = BBScore.Results.ResultIds.New(DateTimeOffset.UtcNow), Timestamp = DateTimeOffset.UtcNow, Model = "m", Layer = "l", Benchmark = "b", Metric = "ridge",
            Scores = new BBScore.Metrics.ScoreSet("final_score") { { "final_score", 0.5 } },
            CellKey = new string('a', 64),
        };
        string json = BBScore.Results.ResultWriter.Save(record, home);
        Assert.True(File.Exists(json));
        Assert.False(File.Exists(home.ResultsDatabase));
        Assert.Contains(record.CellKey, BBScore.Results.StoredResults.CellKeys(new DataHome(dir.Path), _ => { }));
    }

    [Fact]
    public void Plan_prints_the_budget_and_each_groups_estimate_and_sbatch_options_need_the_slurm_executor()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        dir.WriteText("s.yaml", "models: [resnet18]\nlayers: [layer3, layer4]\nbenchmarks: [V1SineGratings]\nmetrics: [orientation_selectivity]\n");
        string sweep = Path.Combine(dir.Path, "s.yaml");
        var (code, output, error) = CliRun.Run(home, "eval", sweep, "--plan", "--executor", "slurm", "--mem", "3000");
        Assert.True(code == 0, output + error);
        Assert.Contains("memory budget per group: 2.9 GiB (--mem 3000 per task)", output);
        Assert.Contains("group 1: resnet18 × V1StaticFullFieldSineGratings: 2 layer(s) × 1 metric(s); peak memory ~", output);
        Assert.Contains("time unknown", output);

        (code, _, error) = CliRun.Run(home, "eval", sweep, "--mem", "4G");
        Assert.Equal(2, code);
        Assert.Contains("add --executor slurm", error);
        (code, _, error) = CliRun.Run(home, "eval", sweep, "--plan", "--executor", "slurm", "--mem", "lots");
        Assert.Equal(2, code);
        Assert.Contains("--mem 'lots'", error);
    }
}
