using BBScore.Data;
using Microsoft.Data.Sqlite;

namespace BBScore.Results;

/// <summary>Saves a result where users and tools look for it: the JSON file under
/// <see cref="DataHome.ResultsDir"/> and a row in <see cref="DataHome.ResultsDatabase"/>.</summary>
public static class ResultWriter
{
    /// <summary>Writes the JSON first (atomically), then the database row, so a row never points
    /// at a missing or partial file. Returns the JSON file's path. A damaged database is rebuilt from
    /// the JSON files; with <see cref="DataHome.DeferResultsIndex"/> only the JSON is written; when the database cannot be written (disk full, read-only) the JSON is kept
    /// and <see cref="ResultIndexException"/> says so (the next <c>bbscore results</c> indexes it).</summary>
    public static string Save(ResultRecord record, DataHome home, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(home);
        warn ??= _ => { };
        string jsonPath = Path.Combine(home.ResultsDir, ResultFileNames.For(record));
        ResultJson.WriteFile(record, jsonPath);
        FaultPoints.Reach(FaultPoints.ResultJson);
        if (home.DeferResultsIndex) return jsonPath; // the sweep's submitter indexes it (ResultIndex.AddUnindexed)
        try
        {
            using var store = ResultIndex.Open(home.ResultsDatabase, home.ResultsDir, warn);
            try
            {
                store.AddIfMissing(record, jsonPath); // a rebuild on open may have indexed the file already
            }
            catch (SqliteException e) when (ResultIndex.IsDamage(e))
            {
                store.Dispose();
                // The rebuild indexes every JSON file, this result's included.
                ResultIndex.Rebuild(home.ResultsDatabase, home.ResultsDir, warn, e).Dispose();
            }
        }
        catch (SqliteException e) when (ResultIndex.IsEnvironment(e))
        {
            throw new ResultIndexException(jsonPath,
                $"{home.ResultsDatabase}: could not add the result ({e.Message.TrimEnd('.')}); the result itself is saved in {jsonPath}. " +
                "Free disk space (or make the folder writable), then 'bbscore results' adds it to the index.", e);
        }
        return jsonPath;
    }
}

/// <summary>The result's JSON file was written but its row in the results database was not.</summary>
public sealed class ResultIndexException(string jsonPath, string message, Exception inner) : IOException(message, inner)
{
    /// <summary>Where the result was saved.</summary>
    public string JsonPath { get; } = jsonPath;
}
