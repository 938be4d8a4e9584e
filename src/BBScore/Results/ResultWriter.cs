using BBScore.Data;

namespace BBScore.Results;

/// <summary>Saves a result where users and tools look for it: the JSON file under
/// <see cref="DataHome.ResultsDir"/> and a row in <see cref="DataHome.ResultsDatabase"/>.</summary>
public static class ResultWriter
{
    /// <summary>Writes the JSON first (atomically), then the database row, so a row never points
    /// at a missing or partial file. Returns the JSON file's path.</summary>
    public static string Save(ResultRecord record, DataHome home)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(home);
        string jsonPath = Path.Combine(home.ResultsDir, ResultFileNames.For(record));
        ResultJson.WriteFile(record, jsonPath);
        using var store = new ResultStore(home.ResultsDatabase);
        store.Add(record, jsonPath);
        return jsonPath;
    }
}
