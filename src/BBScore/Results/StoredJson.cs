using System.Text.Json;

namespace BBScore.Results;

/// <summary>Reads a stored result's JSON, falling back to its JSON file when the copy in the
/// database is damaged (the file is the source of truth; the database is an index of the files).</summary>
internal static class StoredJson
{
    /// <summary>The record and the JSON it came from, or (null, null) when neither copy reads.</summary>
    public static (ResultRecord? Record, string? Json) TryRead(string storedJson, string jsonPath)
    {
        if (TryParse(storedJson) is { } stored) return (stored, storedJson);
        try
        {
            string fileJson = File.ReadAllText(jsonPath);
            return TryParse(fileJson) is { } fromFile ? (fromFile, fileJson) : (null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, null);
        }
    }

    /// <summary>The record, or null when the text is not a readable result.</summary>
    public static ResultRecord? TryParse(string json)
    {
        try
        {
            return ResultJson.Deserialize(json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException
                                      or InvalidDataException or ArgumentException or NullReferenceException or InvalidCastException
                                      or OverflowException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
