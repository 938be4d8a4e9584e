using System.Text.Json.Serialization;

namespace BBScore.Results.Export;

/// <summary>One stored result as a flat row for analysis (pandas): the same columns, with the same snake_case
/// names, in the CSV and the parquet export. A settable class because Parquet.Net's serializer fills rows by
/// property; it names columns by <see cref="JsonPropertyNameAttribute"/>.</summary>
public sealed class ResultExportRow
{
    [JsonPropertyName("model")] public string Model { get; set; } = "";
    [JsonPropertyName("layer")] public string Layer { get; set; } = "";
    [JsonPropertyName("benchmark")] public string Benchmark { get; set; } = "";
    [JsonPropertyName("metric")] public string Metric { get; set; } = "";
    [JsonPropertyName("headline_key")] public string HeadlineKey { get; set; } = "";
    /// <summary>NaN when the score is undefined.</summary>
    [JsonPropertyName("headline_value")] public double HeadlineValue { get; set; }
    [JsonPropertyName("seed")] public int Seed { get; set; }
    /// <summary>UTC.</summary>
    [JsonPropertyName("timestamp")] public DateTime Timestamp { get; set; }
    [JsonPropertyName("cell_key")] public string CellKey { get; set; } = "";

    public static ResultExportRow From(StoredResult stored) => new()
    {
        Model = stored.Model, Layer = stored.Layer, Benchmark = stored.Benchmark, Metric = stored.Metric,
        HeadlineKey = stored.HeadlineKey, HeadlineValue = stored.HeadlineValue, Seed = stored.Record.Seed,
        Timestamp = stored.Timestamp.UtcDateTime, CellKey = stored.Record.CellKey,
    };
}
