using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BBScore.Results;

/// <summary>
/// The results database as an index of the JSON files, which are the source of truth: a damaged
/// database is moved aside (kept for inspection, never deleted) and rebuilt from the JSON files,
/// and JSON files a failed write left unindexed are added back on the next listing.
/// </summary>
public static class ResultIndex
{
    /// <summary>Opens the store at <paramref name="databasePath"/>, rebuilding it from the JSON
    /// files in <paramref name="resultsDir"/> when it is damaged.</summary>
    public static ResultStore Open(string databasePath, string resultsDir, Action<string> warn)
    {
        try
        {
            return new ResultStore(databasePath);
        }
        catch (SqliteException e) when (IsDamage(e))
        {
            return Rebuild(databasePath, resultsDir, warn, e);
        }
    }

    /// <summary>Moves the damaged database aside and indexes every JSON file into a new one.</summary>
    public static ResultStore Rebuild(string databasePath, string resultsDir, Action<string> warn, SqliteException cause)
    {
        SqliteConnection.ClearAllPools();
        string aside = databasePath + ".damaged-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        File.Move(databasePath, aside);
        foreach (string suffix in new[] { "-wal", "-shm" })
            if (File.Exists(databasePath + suffix)) File.Move(databasePath + suffix, aside + suffix);
        var store = new ResultStore(databasePath);
        int added = AddUnindexed(store, resultsDir, warn);
        warn($"{databasePath} was damaged ({cause.Message.TrimEnd('.')}); moved it to {aside} and rebuilt the index from {added} JSON result file(s).");
        return store;
    }

    /// <summary>Adds the JSON result files in <paramref name="resultsDir"/> that have no row;
    /// unreadable files are reported and left where they are. Returns how many were added.</summary>
    public static int AddUnindexed(ResultStore store, string resultsDir, Action<string> warn)
    {
        if (!Directory.Exists(resultsDir)) return 0;
        var ids = store.Ids();
        int added = 0;
        foreach (string path in Directory.EnumerateFiles(resultsDir, "*.json").Order(StringComparer.Ordinal))
        {
            // File names end in _<id>.json: skip the known ones without parsing them.
            string name = Path.GetFileNameWithoutExtension(path);
            if (ids.Contains(name[(name.LastIndexOf('_') + 1)..])) continue;
            string text;
            try { text = File.ReadAllText(path); }
            catch (IOException e) { warn($"{path}: not readable ({e.Message}); left out of the results index."); continue; }
            if (StoredJson.TryParse(text) is not { } record)
            {
                warn($"{path}: not a readable result file; left out of the results index.");
                continue;
            }
            if (store.AddIfMissing(record, path)) added++;
        }
        return added;
    }

    /// <summary>The database file itself is unusable (as opposed to busy, full or read-only).</summary>
    public static bool IsDamage(SqliteException e) => e.SqliteErrorCode is 11 /* SQLITE_CORRUPT */ or 26 /* SQLITE_NOTADB */;

    /// <summary>The disk or file system refused the write: an environment problem the user fixes.</summary>
    public static bool IsEnvironment(SqliteException e) => e.SqliteErrorCode is 13 /* SQLITE_FULL */ or 10 /* SQLITE_IOERR */
        or 8 /* SQLITE_READONLY */ or 14 /* SQLITE_CANTOPEN */ or 5 /* SQLITE_BUSY */;
}
