using BBScore.Data;
using BBScore.Results;
using BBScore.Tests.Results;
using BBScore.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BBScore.Tests.Reliability;

/// <summary>The results database is an index of the JSON files: damage to it never loses or hides a result.</summary>
public class ResultStoreRecoveryTests
{
    static DataHome HomeWithTwoResults(TempDir dir, out string[] jsonPaths)
    {
        var home = new DataHome(dir.Path);
        jsonPaths = [ResultWriter.Save(ResultSamples.Record(model: "m1"), home), ResultWriter.Save(ResultSamples.Record(model: "m2"), home)];
        SqliteConnection.ClearAllPools();
        return home;
    }

    [Fact]
    public void CorruptDatabaseIsMovedAsideAndRebuiltFromTheJsonFiles()
    {
        using var dir = new TempDir();
        var home = HomeWithTwoResults(dir, out _);
        File.WriteAllBytes(home.ResultsDatabase, Enumerable.Repeat((byte)0x5A, 8192).ToArray());
        foreach (string side in new[] { "-wal", "-shm" }) File.Delete(home.ResultsDatabase + side);

        var (code, output, error) = CliRun.Run(home, "results");

        Assert.Equal(0, code);
        Assert.Contains("2 result(s)", output);
        Assert.Contains("m1", output);
        Assert.Contains("moved it to", error);
        Assert.Single(Directory.GetFiles(home.ResultsDir, "results.sqlite.damaged-*"));
    }

    [Fact]
    public void SavingIntoACorruptDatabaseKeepsTheResultAndRebuilds()
    {
        using var dir = new TempDir();
        var home = HomeWithTwoResults(dir, out _);
        File.WriteAllText(home.ResultsDatabase, "this is not an SQLite database, but it is long enough to be read as one's header....");
        foreach (string side in new[] { "-wal", "-shm" }) File.Delete(home.ResultsDatabase + side);
        var warnings = new List<string>();

        ResultWriter.Save(ResultSamples.Record(model: "m3"), home, warnings.Add);

        using var store = new ResultStore(home.ResultsDatabase);
        Assert.Equal(["m1", "m2", "m3"], store.Query(new ResultQuery()).Select(r => r.Model).Order());
        Assert.Contains(warnings, w => w.Contains("damaged"));
    }

    [Fact]
    public void ABadJsonRowFallsBackToItsFileAndNeverHidesTheOthers()
    {
        using var dir = new TempDir();
        var home = HomeWithTwoResults(dir, out var paths);
        home = HomeWithThirdResultWhoseFileIsGone(home, out string lostId);
        CorruptJsonColumn(home.ResultsDatabase);

        var (code, output, error) = CliRun.Run(home, "results");

        Assert.Equal(0, code);
        Assert.Contains("2 result(s)", output); // the two whose files stand in for the damaged rows
        Assert.Contains(Path.GetFileName(paths[0]), output);
        Assert.Contains(lostId, error); // the row with neither copy readable is named, not silently dropped
    }

    static DataHome HomeWithThirdResultWhoseFileIsGone(DataHome home, out string id)
    {
        string path = ResultWriter.Save(ResultSamples.Record(model: "m3"), home);
        id = Path.GetFileNameWithoutExtension(path).Split('_')[^1];
        File.Delete(path);
        return home;
    }

    static void CorruptJsonColumn(string database)
    {
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE results SET json = '{\"format_version\": 1, truncated';";
            update.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void JsonFilesMissingFromTheDatabaseAreIndexedOnTheNextListing()
    {
        using var dir = new TempDir();
        var home = HomeWithTwoResults(dir, out _);
        File.Delete(home.ResultsDatabase);
        foreach (string side in new[] { "-wal", "-shm" }) File.Delete(home.ResultsDatabase + side);

        var (code, output, _) = CliRun.Run(home, "results");

        Assert.Equal(0, code);
        Assert.Contains("2 result(s)", output);
    }
}
