using Microsoft.Data.Sqlite;

namespace BBScore.Results;

/// <summary>Creates and versions the <c>results</c> table (version kept in <c>PRAGMA
/// user_version</c>). Text columns compare case-insensitively so queries ignore case and still
/// use the indexes.</summary>
internal static class ResultStoreSchema
{
    public const int Version = 1;

    const string CreateV1 = """
        CREATE TABLE IF NOT EXISTS results (
            id             TEXT PRIMARY KEY NOT NULL,
            timestamp      TEXT NOT NULL,
            model          TEXT NOT NULL COLLATE NOCASE,
            layer          TEXT NOT NULL COLLATE NOCASE,
            benchmark      TEXT NOT NULL COLLATE NOCASE,
            metric         TEXT NOT NULL COLLATE NOCASE,
            headline_key   TEXT NOT NULL,
            headline_value REAL,
            json_path      TEXT NOT NULL,
            json           TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS results_timestamp ON results (timestamp);
        CREATE INDEX IF NOT EXISTS results_model ON results (model, timestamp);
        CREATE INDEX IF NOT EXISTS results_benchmark ON results (benchmark, timestamp);
        CREATE INDEX IF NOT EXISTS results_metric ON results (metric, timestamp);
        PRAGMA user_version = 1;
        """;

    /// <summary>Brings the database to <see cref="Version"/> inside one immediate transaction, so
    /// two processes opening a fresh file at once cannot both create it half-way.</summary>
    public static void Ensure(SqliteConnection connection)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        int current = UserVersion(connection, transaction);
        if (current > Version)
            throw new InvalidOperationException(
                $"The results database '{connection.DataSource}' has schema version {current}, newer than this " +
                $"BBScore.NET understands ({Version}). Use a newer BBScore.NET or another results directory.");
        if (current < 1)
        {
            using SqliteCommand create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = CreateV1;
            create.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    static int UserVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
