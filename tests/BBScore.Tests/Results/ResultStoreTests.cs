using BBScore.Tests.Support;
using BBScore.Results;
using Microsoft.Data.Sqlite;

namespace BBScore.Tests.Results;

public class ResultStoreTests
{
    static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Five results added out of chronological order.</summary>
    static void AddSamples(ResultStore store)
    {
        store.Add(ResultSamples.Record("resnet18", "layer4", "NSDV1Shared", "ridge", T0.AddHours(2), 0.2, id: "c"), "/r/c.json");
        store.Add(ResultSamples.Record("resnet18", "layer3", "NSDV1Shared", "pls", T0.AddHours(4), 0.4, id: "e"), "/r/e.json");
        store.Add(ResultSamples.Record("alexnet", "features.3", "NSDV1Shared", "ridge", T0, 0.0, id: "a"), "/r/a.json");
        store.Add(ResultSamples.Record("resnet18", "layer4", "BMD_FFA", "ridge", T0.AddHours(3), double.NaN, id: "d"), "/r/d.json");
        // An earlier wall-clock time written with a +05:00 offset: 13:00+05:00 is 08:00 UTC, before T0.
        store.Add(ResultSamples.Record("resnet18", "layer4", "NSDV1Shared", "ridge",
            new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.FromHours(5)), 0.1, id: "b"), "/r/b.json");
    }

    [Fact]
    public void QueryReturnsNewestFirstWithFullRecords()
    {
        using var dir = new TempDir();
        using var store = new ResultStore(Path.Combine(dir.Path, "db", "results.sqlite"));
        AddSamples(store);

        IReadOnlyList<StoredResult> all = store.Query(new ResultQuery());
        Assert.Equal(new[] { "e", "d", "c", "a", "b" }, all.Select(r => r.Id));

        StoredResult c = all.Single(r => r.Id == "c");
        Assert.Equal("resnet18", c.Model);
        Assert.Equal("layer4", c.Layer);
        Assert.Equal("NSDV1Shared", c.Benchmark);
        Assert.Equal("ridge", c.Metric);
        Assert.Equal("final_pearson", c.HeadlineKey);
        Assert.Equal(0.2, c.HeadlineValue);
        Assert.Equal("/r/c.json", c.JsonPath);
        Assert.Equal(T0.AddHours(2), c.Timestamp);
        ResultSamples.AssertSameRecord(ResultSamples.Record("resnet18", "layer4", "NSDV1Shared", "ridge", T0.AddHours(2), 0.2, id: "c"), c.Record);

        Assert.True(double.IsNaN(all.Single(r => r.Id == "d").HeadlineValue));
    }

    [Fact]
    public void FiltersMatchExactlyIgnoringCaseAndLimitCaps()
    {
        using var dir = new TempDir();
        using var store = new ResultStore(Path.Combine(dir.Path, "results.sqlite"));
        AddSamples(store);

        Assert.Equal(new[] { "e", "d", "c", "b" }, store.Query(new ResultQuery { Model = "RESNET18" }).Select(r => r.Id));
        Assert.Empty(store.Query(new ResultQuery { Model = "resnet" })); // exact, not prefix
        Assert.Equal(new[] { "c", "a", "b" },
            store.Query(new ResultQuery { Benchmark = "nsdv1shared", Metric = "ridge" }).Select(r => r.Id));
        Assert.Equal(new[] { "c", "b" },
            store.Query(new ResultQuery { Model = "resnet18", Layer = "layer4", Benchmark = "NSDV1Shared", Metric = "ridge" }).Select(r => r.Id));
        Assert.Equal(new[] { "e", "d" }, store.Query(new ResultQuery { Limit = 2 }).Select(r => r.Id));
        Assert.Equal(new[] { "e" }, store.Query(new ResultQuery { Metric = "PLS" }).Select(r => r.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Query(new ResultQuery { Limit = 0 }));
    }

    [Fact]
    public void RowsPersistAndTheSchemaIsVersionedWithWal()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "results.sqlite");
        using (var store = new ResultStore(path)) AddSamples(store);
        using (var reopened = new ResultStore(path)) Assert.Equal(5, reopened.Query(new ResultQuery()).Count);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        Assert.Equal(1L, command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void AFailedInsertLeavesNoRow()
    {
        using var dir = new TempDir();
        using var store = new ResultStore(Path.Combine(dir.Path, "results.sqlite"));
        store.Add(ResultSamples.Record(id: "same"), "/r/1.json");
        Assert.Throws<SqliteException>(() => store.Add(ResultSamples.Record(model: "other", id: "same"), "/r/2.json"));
        IReadOnlyList<StoredResult> rows = store.Query(new ResultQuery());
        Assert.Single(rows);
        Assert.Equal("resnet18", rows[0].Model);
        store.Add(ResultSamples.Record(id: "next"), "/r/3.json"); // the store is still usable
        Assert.Equal(2, store.Query(new ResultQuery()).Count);
    }

    [Fact]
    public void ConcurrentWritersDoNotLoseRows()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "results.sqlite");
        const int writers = 3, perWriter = 15;
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, w =>
        {
            using var store = new ResultStore(path); // one connection per writer, as separate processes would have
            for (int i = 0; i < perWriter; i++)
                store.Add(ResultSamples.Record(model: $"m{w}", timestamp: T0.AddMinutes(i), id: $"{w}-{i}"), $"/r/{w}-{i}.json");
        });
        using var reader = new ResultStore(path);
        Assert.Equal(writers * perWriter, reader.Query(new ResultQuery { Limit = 1000 }).Count);
        Assert.Equal(perWriter, reader.Query(new ResultQuery { Model = "m1", Limit = 1000 }).Count);
    }
}
