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
    /// <summary>The headline's bootstrap standard error and 95% interval; NaN when the result has none.</summary>
    [JsonPropertyName("headline_se")] public double HeadlineSe { get; set; } = double.NaN;
    [JsonPropertyName("headline_ci95_low")] public double HeadlineCi95Low { get; set; } = double.NaN;
    [JsonPropertyName("headline_ci95_high")] public double HeadlineCi95High { get; set; } = double.NaN;
    [JsonPropertyName("seed")] public int Seed { get; set; }
    /// <summary>UTC.</summary>
    [JsonPropertyName("timestamp")] public DateTime Timestamp { get; set; }
    [JsonPropertyName("cell_key")] public string CellKey { get; set; } = "";

    public static ResultExportRow From(StoredResult stored)
    {
        var uncertainty = Metrics.HeadlineUncertainty.Of(stored.Record.Scores);
        return new()
        {
            Model = stored.Model, Layer = stored.Layer, Benchmark = stored.Benchmark, Metric = stored.Metric,
            HeadlineKey = stored.HeadlineKey, HeadlineValue = stored.HeadlineValue,
            HeadlineSe = uncertainty?.StandardError ?? double.NaN, HeadlineCi95Low = uncertainty?.Low ?? double.NaN,
            HeadlineCi95High = uncertainty?.High ?? double.NaN, Seed = stored.Record.Seed,
            Timestamp = stored.Timestamp.UtcDateTime, CellKey = stored.Record.CellKey,
        };
    }
}
