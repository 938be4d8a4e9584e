using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BBScore.Metrics;

namespace BBScore.Results;

/// <summary>
/// The portable result file (the original writes pickles): snake_case top-level fields, a
/// <c>timing</c> block, the <c>headline</c> key and value, and every score under <c>metrics</c>
/// with the original's key names (string lists such as story names under <c>labels</c>). Scores keep their exact shapes through a round trip; NaN and
/// ±Infinity become null and come back as NaN.
/// </summary>
public static class ResultJson
{
    /// <summary>Version of this layout, written as <c>format_version</c>.</summary>
    public const int FormatVersion = 1;

    public static string Serialize(ResultRecord record)
    {
        using var stream = new MemoryStream();
        Write(record, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static ResultRecord Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        return Read(document.RootElement);
    }

    /// <summary>Writes to a temporary file next to <paramref name="path"/> and renames it into
    /// place, so readers never see a half-written result, even if the process dies mid-write.</summary>
    public static void WriteFile(ResultRecord record, string path)
    {
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Write(record, stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static ResultRecord ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        return Read(document.RootElement);
    }

    static void Write(ResultRecord record, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            MaxDepth = 256,
            // A file, not HTML: keep '+' in timestamps and non-ASCII model names readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        writer.WriteStartObject();
        writer.WriteNumber("format_version", FormatVersion);
        writer.WriteString("id", record.Id);
        writer.WriteString("model", record.Model);
        writer.WriteString("layer", record.Layer);
        writer.WriteString("benchmark", record.Benchmark);
        writer.WriteString("metric", record.Metric);
        writer.WriteString("timestamp", record.Timestamp.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteNumber("seed", record.Seed);
        writer.WriteString("tool_version", record.ToolVersion);
        writer.WriteString("git_commit", record.GitCommit);

        writer.WriteStartObject("timing");
        WriteNumberProperty(writer, "extraction_s", record.ExtractionSeconds);
        WriteNumberProperty(writer, "metric_s", record.MetricSeconds);
        WriteNumberProperty(writer, "total_s", record.TotalSeconds);
        writer.WriteEndObject();

        writer.WriteString("feature_cache_key", record.FeatureCacheKey);
        writer.WriteBoolean("feature_cache_hit", record.FeatureCacheHit);
        writer.WriteString("preprocessing", record.Preprocessing);
        writer.WriteString("aggregation_mode", record.AggregationMode);
        writer.WriteString("random_projection", record.RandomProjection); // null when absent
        writer.WriteString("stimulus_set_hash", record.StimulusSetHash);
        writer.WriteString("compat", record.Compat);
        writer.WriteString("cell_key", record.CellKey);

        writer.WriteStartArray("constituent_layers");
        foreach (string layer in record.ConstituentLayers) writer.WriteStringValue(layer);
        writer.WriteEndArray();

        writer.WritePropertyName("ceiling");
        if (record.Ceiling is null) writer.WriteNullValue();
        else ScoreValueJson.WriteNumbers(writer, record.Ceiling);

        writer.WriteStartObject("headline");
        writer.WriteString("key", record.Scores.HeadlineKey);
        WriteNumberProperty(writer, "value", record.Scores.Headline);
        writer.WriteEndObject();

        writer.WriteStartObject("metrics");
        ScoreSetJson.WriteNested(writer, record.Scores); // dotted keys (rsa_scores.spearman) as nested objects
        writer.WriteEndObject();

        if (record.Scores.Labels.Count > 0)
        {
            writer.WriteStartObject("labels");
            foreach (var (key, values) in record.Scores.Labels)
            {
                writer.WriteStartArray(key);
                foreach (string value in values) writer.WriteStringValue(value);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }

        // Nested lists lose the depth of an array with no elements ([0, 3] prints as []), so the
        // shapes of empty scores are recorded explicitly.
        var empty = record.Scores.Where(s => s.Value.Data.Length == 0 && !s.Value.IsScalar).ToList();
        if (empty.Count > 0)
        {
            writer.WriteStartObject("metric_shapes");
            foreach (var (key, value) in empty)
            {
                writer.WritePropertyName(key);
                ScoreValueJson.WriteShape(writer, value.Shape);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    static void WriteNumberProperty(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        ScoreValueJson.WriteNumber(writer, value);
    }

    static ResultRecord Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("A result file must hold a JSON object.");
        int version = Required(root, "format_version").GetInt32();
        if (version > FormatVersion)
            throw new FormatException($"Result format version {version} is newer than this BBScore.NET understands ({FormatVersion}).");

        JsonElement timing = Required(root, "timing");
        JsonElement headline = Required(root, "headline");
        return new ResultRecord
        {
            Id = String(root, "id"),
            Model = String(root, "model"),
            Layer = String(root, "layer"),
            Benchmark = String(root, "benchmark"),
            Metric = String(root, "metric"),
            Timestamp = DateTimeOffset.ParseExact(String(root, "timestamp"), "O", CultureInfo.InvariantCulture),
            Seed = Required(root, "seed").GetInt32(),
            ToolVersion = String(root, "tool_version"),
            GitCommit = String(root, "git_commit"),
            ExtractionSeconds = ScoreValueJson.ReadNumber(Required(timing, "extraction_s"), "timing.extraction_s"),
            MetricSeconds = ScoreValueJson.ReadNumber(Required(timing, "metric_s"), "timing.metric_s"),
            TotalSeconds = ScoreValueJson.ReadNumber(Required(timing, "total_s"), "timing.total_s"),
            FeatureCacheKey = String(root, "feature_cache_key"),
            FeatureCacheHit = Required(root, "feature_cache_hit").GetBoolean(),
            Preprocessing = String(root, "preprocessing"),
            AggregationMode = String(root, "aggregation_mode"),
            RandomProjection = Required(root, "random_projection").GetString(),
            StimulusSetHash = String(root, "stimulus_set_hash"),
            Compat = String(root, "compat"),
            // Optional: results written before sweeps have none.
            CellKey = root.TryGetProperty("cell_key", out JsonElement cell) ? cell.GetString() ?? "" : "",
            ConstituentLayers = Required(root, "constituent_layers").EnumerateArray().Select(e => e.GetString() ?? "").ToArray(),
            Ceiling = ReadCeiling(Required(root, "ceiling")),
            Scores = ReadScores(Required(root, "metrics"), String(headline, "key"), root),
        };
    }

    static double[]? ReadCeiling(JsonElement element) => element.ValueKind == JsonValueKind.Null
        ? null
        : element.EnumerateArray().Select(e => ScoreValueJson.ReadNumber(e, "ceiling")).ToArray();

    static ScoreSet ReadScores(JsonElement metrics, string headlineKey, JsonElement root)
    {
        bool hasShapes = root.TryGetProperty("metric_shapes", out JsonElement shapes);
        var scores = new ScoreSet(headlineKey);
        AddScores(metrics, prefix: "");
        if (root.TryGetProperty("labels", out JsonElement labels) && labels.ValueKind == JsonValueKind.Object)
            foreach (JsonProperty list in labels.EnumerateObject())
                scores.AddLabels(list.Name, list.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
        return scores;

        // Nested objects hold dotted keys: {"rsa_scores": {"spearman": 0.3}} is rsa_scores.spearman.
        void AddScores(JsonElement group, string prefix)
        {
            foreach (JsonProperty property in group.EnumerateObject())
            {
                string key = prefix + property.Name;
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    AddScores(property.Value, key + ".");
                    continue;
                }
                int[]? declared = hasShapes && shapes.TryGetProperty(key, out JsonElement shape)
                    ? shape.EnumerateArray().Select(d => d.GetInt32()).ToArray()
                    : null;
                scores.Add(key, ScoreValueJson.Read(property.Value, key, declared));
            }
        }
    }

    static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new FormatException($"Result JSON has no '{name}' field.");

    static string String(JsonElement parent, string name) =>
        Required(parent, name).GetString() ?? throw new FormatException($"Result JSON field '{name}' must be a string, not null.");
}
