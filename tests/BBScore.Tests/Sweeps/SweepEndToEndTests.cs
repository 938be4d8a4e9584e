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
        Assert.Equal("model,layer,benchmark,metric,headline_key,headline_value,seed,timestamp,cell_key", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("resnet18,layer4,V1StaticFullFieldSineGratings,orientation_selectivity,", StringComparison.Ordinal)
                                    && l.EndsWith("," + lost.Record.CellKey, StringComparison.Ordinal));

        string parquet = Path.Combine(dir.Path, "scores.parquet");
        Assert.Equal(0, CliRun.Run(home, "results", "--export", parquet).Code);
        var rows = (await ParquetSerializer.DeserializeAsync<ResultExportRow>(parquet)).Data;
        Assert.Equal(second.Select(r => (r.Layer, r.HeadlineValue, r.Record.CellKey)).Order(),
            rows.Select(r => (r.Layer, r.HeadlineValue, r.CellKey)).Order());
    }

    static IReadOnlyList<StoredResult> All(DataHome home) =>
        StoredResults.List(home, new ResultQuery { Limit = 1000 }, _ => { }).Rows;
}
