using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace BBScore.Results;

/// <summary>
/// The SQLite index of all results (one row per run, with the full JSON), for listing and
/// filtering past scores. WAL journaling and a busy timeout let several processes write to the
/// same database at once; every insert is one transaction, so a failure never leaves a half row.
/// One instance must not be shared between threads; open one per thread or process.
/// </summary>
public sealed class ResultStore : IDisposable
{
    /// <summary>How long a writer waits for another process's lock before giving up.</summary>
    static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Fixed-width UTC text, so ordering by the column is chronological.</summary>
    const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    readonly SqliteConnection _connection;

    public ResultStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // release the file on Dispose
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        _connection = new SqliteConnection(connectionString);
        try
        {
            _connection.Open();
            Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
            Execute("PRAGMA journal_mode = WAL;");
            ResultStoreSchema.Ensure(_connection);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public string DatabasePath { get; }

    public void Add(ResultRecord record, string jsonPath) => Insert(record, jsonPath, "INSERT");

    /// <summary>Adds the record unless a row with its id is there (re-indexing JSON files).</summary>
    public bool AddIfMissing(ResultRecord record, string jsonPath) => Insert(record, jsonPath, "INSERT OR IGNORE") > 0;

    /// <summary>The ids of every stored row.</summary>
    public HashSet<string> Ids()
    {
        using SqliteCommand select = _connection.CreateCommand();
        select.CommandText = "SELECT id FROM results;";
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>The sweep cell keys of every stored result (<see cref="ResultRecord.CellKey"/>), read from the
    /// stored JSON by SQLite itself so a large store is not parsed row by row.</summary>
    public HashSet<string> CellKeys()
    {
        using SqliteCommand select = _connection.CreateCommand();
        select.CommandText = "SELECT json_extract(json, '$.cell_key') FROM results WHERE json_valid(json);";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
            if (!reader.IsDBNull(0) && reader.GetString(0) is { Length: > 0 } key) keys.Add(key);
        return keys;
    }

    /// <summary>Rows whose stored JSON could not be read by the last <see cref="Query"/> and whose
    /// JSON file could not stand in for it: (id, JSON path).</summary>
    public IReadOnlyList<(string Id, string JsonPath)> UnreadableRows => _unreadable;

    readonly List<(string Id, string JsonPath)> _unreadable = [];

    int Insert(ResultRecord record, string jsonPath, string verb)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(jsonPath);
        string json = ResultJson.Serialize(record);
        double headline = record.Scores.Headline;

        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: false);
        using SqliteCommand insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            {verb} INTO results (id, timestamp, model, layer, benchmark, metric, headline_key, headline_value, json_path, json)
            VALUES ($id, $timestamp, $model, $layer, $benchmark, $metric, $headline_key, $headline_value, $json_path, $json);
            """;
        insert.Parameters.AddWithValue("$id", record.Id);
        insert.Parameters.AddWithValue("$timestamp", record.Timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$model", record.Model);
        insert.Parameters.AddWithValue("$layer", record.Layer);
        insert.Parameters.AddWithValue("$benchmark", record.Benchmark);
        insert.Parameters.AddWithValue("$metric", record.Metric);
        insert.Parameters.AddWithValue("$headline_key", record.Scores.HeadlineKey);
        insert.Parameters.AddWithValue("$headline_value", double.IsFinite(headline) ? headline : DBNull.Value);
        insert.Parameters.AddWithValue("$json_path", jsonPath);
        insert.Parameters.AddWithValue("$json", json);
        int added = insert.ExecuteNonQuery();
        FaultPoints.Reach(FaultPoints.ResultRow);
        transaction.Commit();
        return added;
    }

    /// <summary>Matching results, newest first (ties in insertion order, newest first).</summary>
    public IReadOnlyList<StoredResult> Query(ResultQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query.Limit));

        using SqliteCommand select = _connection.CreateCommand();
        var sql = new StringBuilder(
            "SELECT id, timestamp, model, layer, benchmark, metric, headline_key, headline_value, json_path, json FROM results");
        var conditions = new List<string>();
        AddFilter(select, conditions, "model", query.Model);
        AddFilter(select, conditions, "layer", query.Layer);
        AddFilter(select, conditions, "benchmark", query.Benchmark);
        AddFilter(select, conditions, "metric", query.Metric);
        if (conditions.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        sql.Append(" ORDER BY timestamp DESC, rowid DESC LIMIT $limit;");
        select.Parameters.AddWithValue("$limit", query.Limit);
        select.CommandText = sql.ToString();

        var results = new List<StoredResult>();
        _unreadable.Clear();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            string json = reader.GetString(9);
            // One damaged row must not hide the others: its JSON file stands in, else it is skipped and reported.
            if (StoredJson.TryRead(json, reader.GetString(8)) is not ({ } record, { } readableJson))
            {
                _unreadable.Add((reader.GetString(0), reader.GetString(8)));
                continue;
            }
            json = readableJson;
            results.Add(new StoredResult(
                Id: reader.GetString(0),
                Timestamp: DateTimeOffset.ParseExact(reader.GetString(1), TimestampFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Model: reader.GetString(2),
                Layer: reader.GetString(3),
                Benchmark: reader.GetString(4),
                Metric: reader.GetString(5),
                HeadlineKey: reader.GetString(6),
                HeadlineValue: reader.IsDBNull(7) ? double.NaN : reader.GetDouble(7),
                JsonPath: reader.GetString(8),
                Json: json,
                Record: record));
        }
        return results;
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Columns are declared COLLATE NOCASE, so '=' ignores case and can use the index.</summary>
    static void AddFilter(SqliteCommand command, List<string> conditions, string column, string? value)
    {
        if (value is null) return;
        conditions.Add($"{column} = ${column}");
        command.Parameters.AddWithValue("$" + column, value);
    }

    void Execute(string sql)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
