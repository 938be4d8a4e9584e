using System.Globalization;
using System.Text;
using Parquet.Serialization;

namespace BBScore.Results.Export;

/// <summary><c>bbscore results --export FILE</c>: every row as CSV or parquet, chosen by the file's extension.</summary>
public static class ResultExport
{
    public static void Write(string path, IReadOnlyList<ResultExportRow> rows)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".csv":
                File.WriteAllText(full, Csv(rows), new UTF8Encoding(false));
                break;
            case ".parquet":
                // The serializer is async only; the CLI is synchronous and has nothing else to do meanwhile.
                ParquetSerializer.SerializeAsync(rows, full).GetAwaiter().GetResult();
                break;
            default:
                throw new ArgumentException($"--export {path}: the file must end in .csv or .parquet.");
        }
    }

    static readonly string[] Header = ["model", "layer", "benchmark", "metric", "headline_key", "headline_value",
        "headline_se", "headline_ci95_low", "headline_ci95_high", "seed", "timestamp", "cell_key"];

    /// <summary>RFC 4180: fields with commas, quotes or line breaks are quoted; NaN is written as pandas reads it.</summary>
    public static string Csv(IReadOnlyList<ResultExportRow> rows)
    {
        var text = new StringBuilder().AppendJoin(',', Header).Append('\n');
        foreach (var r in rows)
        {
            string[] fields =
            [
                r.Model, r.Layer, r.Benchmark, r.Metric, r.HeadlineKey,
                Number(r.HeadlineValue), Number(r.HeadlineSe), Number(r.HeadlineCi95Low), Number(r.HeadlineCi95High),
                r.Seed.ToString(CultureInfo.InvariantCulture),
                r.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), r.CellKey,
            ];
            text.AppendJoin(',', fields.Select(Quote)).Append('\n');
        }
        return text.ToString();
    }

    static string Number(double value) => double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
