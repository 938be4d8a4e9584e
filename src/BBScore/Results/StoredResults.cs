using BBScore.Data;
using Microsoft.Data.Sqlite;

namespace BBScore.Results;

/// <summary>Lists stored results the way <c>bbscore results</c> shows them: JSON files a failed
/// write left out are indexed first, and a database found damaged on the way is rebuilt from the
/// JSON files and asked again.</summary>
public static class StoredResults
{
    public static (IReadOnlyList<StoredResult> Rows, IReadOnlyList<(string Id, string JsonPath)> Unreadable) List(
        DataHome home, ResultQuery query, Action<string> warn) =>
        Read(home, warn, store => ListFrom(store, home, query, warn));

    /// <summary>The sweep cell keys of every stored result (see <see cref="ResultStore.CellKeys"/>).</summary>
    public static HashSet<string> CellKeys(DataHome home, Action<string> warn) =>
        Read(home, warn, store =>
        {
            ResultIndex.AddUnindexed(store, home.ResultsDir, warn);
            return store.CellKeys();
        });

    static T Read<T>(DataHome home, Action<string> warn, Func<ResultStore, T> read)
    {
        var store = ResultIndex.Open(home.ResultsDatabase, home.ResultsDir, warn);
        try
        {
            try
            {
                return read(store);
            }
            catch (SqliteException e) when (ResultIndex.IsDamage(e))
            {
                store.Dispose();
                store = ResultIndex.Rebuild(home.ResultsDatabase, home.ResultsDir, warn, e);
                return read(store);
            }
        }
        finally
        {
            store.Dispose();
        }
    }

    static (IReadOnlyList<StoredResult>, IReadOnlyList<(string, string)>) ListFrom(ResultStore store, DataHome home, ResultQuery query, Action<string> warn)
    {
        int added = ResultIndex.AddUnindexed(store, home.ResultsDir, warn);
        if (added > 0) warn($"indexed {added} result file(s) that were missing from {home.ResultsDatabase}.");
        var rows = store.Query(query);
        return (rows, store.UnreadableRows.ToList());
    }
}
