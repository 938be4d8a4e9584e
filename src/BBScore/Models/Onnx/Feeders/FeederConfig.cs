using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BBScore.Models.Preprocessing;

namespace BBScore.Models.Onnx.Feeders;

/// <summary>The settings a clip or sound feeder reads beside the model: numbers from
/// <c>preprocessor_config.json</c> and <c>config.json</c> (Hugging Face exports keep num_frames in the
/// latter), and, for catalogue models, the card's preprocessing text ("16 frames ..., fps 6.25").</summary>
public sealed partial class FeederConfig
{
    readonly JsonElement? _preprocessor, _model;

    FeederConfig(string folder, string? cardText, JsonElement? preprocessor, JsonElement? model)
    {
        Folder = folder;
        CardText = cardText;
        _preprocessor = preprocessor;
        _model = model;
    }

    public string Folder { get; }

    /// <summary>The card's preprocessing text, when the model is a catalogue key.</summary>
    public string? CardText { get; }

    public string PreprocessorPath => Path.Combine(Folder, HuggingFacePreprocessorConfig.FileName);

    public bool HasPreprocessor => _preprocessor is not null;

    public static FeederConfig Load(string modelPath, string? cardText)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        return new FeederConfig(folder, cardText, Json(Path.Combine(folder, HuggingFacePreprocessorConfig.FileName)), Json(Path.Combine(folder, "config.json")));
    }

    /// <summary>A number from preprocessor_config.json, else config.json.</summary>
    public double? Number(string key) => Number(_preprocessor, key) ?? Number(_model, key);

    public bool? Bool(string key) =>
        _preprocessor is { } p && p.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>"16 frames" in the card text.</summary>
    public int? CardFrames => CardText is not null && FramesPattern().Match(CardText) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>"fps 6.25" or "fps 1000/60" in the card text.</summary>
    public double? CardFps
    {
        get
        {
            if (CardText is null || FpsPattern().Match(CardText) is not { Success: true } m) return null;
            double value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Success ? value / double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : value;
        }
    }

    /// <summary>"mean 0.45 std 0.225" or "mean (a,b,c) std (a,b,c)" in the card text.</summary>
    public (IReadOnlyList<float> Mean, IReadOnlyList<float> Std)? CardMeanStd
    {
        get
        {
            if (CardText is null || MeanStdPattern().Match(CardText) is not { Success: true } m) return null;
            return (Channels(m.Groups[1].Value), Channels(m.Groups[2].Value));
        }
    }

    static float[] Channels(string text)
    {
        var values = text.Trim('(', ')').Split(',').Select(v => float.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToArray();
        return values.Length == 1 ? [values[0], values[0], values[0]] : values;
    }

    static double? Number(JsonElement? root, string key) =>
        root is { } r && r.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    static JsonElement? Json(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    [GeneratedRegex(@"\b(\d+) frames\b")]
    private static partial Regex FramesPattern();

    [GeneratedRegex(@"\bfps (\d+(?:\.\d+)?)(?:/(\d+(?:\.\d+)?))?")]
    private static partial Regex FpsPattern();

    [GeneratedRegex(@"mean (\([^)]*\)|\d+(?:\.\d+)?) std (\([^)]*\)|\d+(?:\.\d+)?)")]
    private static partial Regex MeanStdPattern();
}
