using BBScore.Data;
using BBScore.Results;
using BBScore.Tests.Support;
using Microsoft.Data.Sqlite;
using Parquet.Serialization;
using BBScore.Results.Export;
using Xunit;

namespace BBScore.Tests.Sweeps;

/// <summary>A tiny offline sweep (resnet18's built-in weights, generated gratings) through `bbscore eval`, with
/// its groups run as real child processes, then resumed, ranked and exported.</summary>
public class SweepEndToEndTests
{
    const string Sweep = """
        models: [resnet18]
        layers: [layer3, layer4]
        benchmarks: [V1SineGratings]
        metrics: [orientation_selectivity]
        batch_size: 16
        """;

    [Fact]
    public async Task RunsResumesOnlyTheMissingCellAndReportsBestLayerAndExports()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        dir.WriteText("sweep.yaml", Sweep);
        string sweep = Path.Combine(dir.Path, "sweep.yaml");

        var (code, output, error) = CliRun.Run(home, "eval", sweep, "--executor", "local", "--jobs", "2");
        Assert.True(code == 0, output + error);
        var first = All(home);
        Assert.Equal(["layer3", "layer4"], first.Select(r => r.Layer).Order());
        Assert.All(first, r => Assert.Equal(64, r.Record.CellKey.Length));
        Assert.All(first, r => Assert.False(r.Record.FeatureCacheHit));

        var (_, plan, _) = CliRun.Run(home, "eval", sweep, "--plan");
        Assert.Contains("2 cell(s): 2 done, 0 pending in 0 group(s)", plan);

        // Lose one cell's result (row and file): the rerun scores only it, from the cached features.
        var lost = first.Single(r => r.Layer == "layer4");
        File.Delete(lost.JsonPath);
        using (var db = new SqliteConnection($"Data Source={home.ResultsDatabase};Pooling=false"))
        {
            db.Open();
            using var delete = db.CreateCommand();
            delete.CommandText = $"DELETE FROM results WHERE id = '{lost.Id}'";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }
        (code, output, error) = CliRun.Run(home, "eval", sweep, "--jobs", "2");
        Assert.True(code == 0, output + error);
        Assert.Contains("1 pending cell(s) of 2 in 1 group(s)", output);
        var second = All(home);
        Assert.Equal(2, second.Count);
        var redone = Assert.Single(second, r => r.Id != first.Single(f => f.Layer == "layer3").Id);
        Assert.Equal(("layer4", lost.Record.CellKey), (redone.Layer, redone.Record.CellKey));
        Assert.True(redone.Record.FeatureCacheHit); // no second forward pass
        Assert.Equal(lost.HeadlineValue, redone.HeadlineValue);

        (code, output, _) = CliRun.Run(home, "eval", sweep);
        Assert.Equal(0, code);
        Assert.Contains("nothing to run", output);

        var best = second.MaxBy(r => r.HeadlineValue)!;
        (code, output, _) = CliRun.Run(home, "results", "--best-layer", "--benchmark", "V1SineGratings");
        Assert.Equal(0, code);
        Assert.Contains(output.Split('\n'), l => l.Contains("resnet18", StringComparison.Ordinal) && l.Contains(best.Layer, StringComparison.Ordinal));

        string csv = Path.Combine(dir.Path, "scores.csv");
        Assert.Equal(0, CliRun.Run(home, "results", "--export", csv).Code);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("model,layer,benchmark,metric,headline_key,headline_value,headline_se,headline_ci95_low,headline_ci95_high,seed,timestamp,cell_key", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("resnet18,layer4,V1StaticFullFieldSineGratings,orientation_selectivity,", StringComparison.Ordinal)
                                    && l.EndsWith("," + lost.Record.CellKey, StringComparison.Ordinal));

        string parquet = Path.Combine(dir.Path, "scores.parquet");
        Assert.Equal(0, CliRun.Run(home, "results", "--export", parquet).Code);
        var rows = (await ParquetSerializer.DeserializeAsync<ResultExportRow>(parquet)).Data;
        Assert.Equal(second.Select(r => (r.Layer, r.HeadlineValue, r.Record.CellKey)).Order(),
            rows.Select(r => (r.Layer, r.HeadlineValue, r.CellKey)).Order());
    }

    [Fact]
    public void Interrupted_sweep_reruns_only_the_unfinished_group_counted_by_extractions()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        dir.WriteText("sweep.yaml", """
            models: [resnet18, alexnet_untrained]
            model_layers:
              resnet18: [layer4]
              alexnet_untrained: [features.12]
            benchmarks: [V1SineGratings]
            metrics: [orientation_selectivity]
            batch_size: 64
            """);
        string sweep = Path.Combine(dir.Path, "sweep.yaml");
        string markers = Directory.CreateDirectory(Path.Combine(dir.Path, "markers")).FullName;
        // Each group's process pauses after its first batch of features: the first is let go, the sweep is killed
        // (the eval process and its child, SIGKILL) while the second is extracting.
        using (var eval = new BBScore.Tests.Reliability.CliProcess(dir.Path, ["eval", sweep, "--jobs", "1"],
                   (FaultPoints.PointVariable, FaultPoints.Extraction), (FaultPoints.MarkerVariable, Path.Combine(markers, "paused-{pid}"))))
        {
            var released = new HashSet<string>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the sweep's groups did not reach extraction");
                var paused = Directory.GetFiles(markers).Where(m => !released.Contains(m)).ToList();
                if (paused.Count > 0 && released.Count == 0)
                {
                    File.Delete(paused[0]);
                    released.Add(paused[0]);
                }
                else if (paused.Count > 0)
                {
                    eval.Kill();
                    break;
                }
                Thread.Sleep(50);
            }
        }
        var first = Assert.Single(All(home));

        var (code, output, error) = CliRun.Run(home, "eval", sweep);
        Assert.True(code == 0, output + error);
        Assert.Contains("1 pending cell(s) of 2 in 1 group(s)", output);
        var after = All(home);
        Assert.Equal(2, after.Count);
        Assert.Contains(after, r => r.Id == first.Id); // the finished cell was not scored again
        // One forward pass per model over the whole sweep: the killed group's extraction never finished, and the
        // finished group was not started again.
        var logs = Directory.GetFiles(Path.Combine(dir.Path, "sweeps", "sweep"), "group-*.log", SearchOption.AllDirectories);
        Assert.Equal(3, logs.Length);
        Assert.Equal(2, logs.Sum(l => File.ReadLines(l).Count(line => line.Contains("features extracted in", StringComparison.Ordinal))));
    }

    static IReadOnlyList<StoredResult> All(DataHome home) =>
        StoredResults.List(home, new ResultQuery { Limit = 1000 }, _ => { }).Rows;
}
