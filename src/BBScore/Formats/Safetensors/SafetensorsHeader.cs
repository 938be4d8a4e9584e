using System.Text;
using System.Text.Json;

namespace BBScore.Formats.Safetensors;

/// <summary>The JSON header of a safetensors file, parsed and checked against the data buffer that follows it:
/// every entry is an object with a known <c>dtype</c>, a <c>shape</c> of non-negative integers whose product
/// does not overflow, and <c>data_offsets</c> <c>[begin, end]</c> inside the buffer with
/// <c>end − begin = elements × dtype size</c>; the tensors, in offset order, tile the buffer with neither
/// overlap nor gap (as the format's reference reader requires); <c>__metadata__</c>, when present, maps
/// strings to strings; no name appears twice.</summary>
public sealed class SafetensorsHeader
{
    /// <summary>The tensors in the order their bytes lie in the buffer.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    SafetensorsHeader(IReadOnlyList<SafetensorsTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    const string MetadataKey = "__metadata__";

    /// <summary>What every refusal adds: the file cannot be used as it is.</summary>
    const string Advice = "The file is not a valid safetensors file (a truncated or damaged download?); delete it to fetch it again.";

    /// <summary>A refusal naming <paramref name="source"/> and the problem.</summary>
    public static InvalidDataException Refuse(string source, string problem, Exception? inner = null) =>
        new($"{source}: {problem.TrimEnd('.')}. {Advice}", inner);

    /// <summary>Parses <paramref name="json"/> (the header's bytes) and checks it against a data buffer of
    /// <paramref name="bufferLength"/> bytes.</summary>
    public static SafetensorsHeader Parse(ReadOnlySpan<byte> json, long bufferLength, string source)
    {
        var tensors = new List<SafetensorsTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        // Utf8JsonReader checks the syntax and (for every string read) the UTF-8 encoding, and refuses trailing
        // content other than whitespace (the writer pads the header with spaces to a multiple of 8 bytes).
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            Next(ref reader, source, "the header");
            if (reader.TokenType != JsonTokenType.StartObject)
                throw Refuse(source, $"the header is JSON {Describe(reader.TokenType)}, not an object");
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (Next(ref reader, source, "the header") != JsonTokenType.EndObject)
            {
                string name = reader.GetString()!;
                if (!names.Add(name)) throw Refuse(source, $"the header names '{Short(name)}' twice");
                Next(ref reader, source, $"'{Short(name)}'");
                if (name == MetadataKey) ReadMetadata(ref reader, metadata, source);
                else tensors.Add(ReadEntry(ref reader, name, bufferLength, source));
            }
            if (reader.Read()) throw Refuse(source, "the header holds more than one JSON value");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // JsonException: bad syntax, nesting deeper than MaxDepth, trailing bytes; InvalidOperationException:
            // a string that is not valid UTF-8 (GetString).
            throw Refuse(source, $"the header is not well-formed UTF-8 JSON ({e.Message})", e);
        }
        return new SafetensorsHeader(Tile(tensors, bufferLength, source), metadata);
    }

    /// <summary>Reads the next token; the end of the input inside the header is a truncation.</summary>
    static JsonTokenType Next(ref Utf8JsonReader reader, string source, string where)
    {
        if (!reader.Read()) throw Refuse(source, $"the header ends inside {where}");
        return reader.TokenType;
    }

    static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Refuse(source, $"{MetadataKey} is JSON {Describe(reader.TokenType)}, not an object of strings");
        while (Next(ref reader, source, MetadataKey) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (Next(ref reader, source, MetadataKey) != JsonTokenType.String)
                throw Refuse(source, $"{MetadataKey}['{Short(key)}'] is JSON {Describe(reader.TokenType)}, not a string");
            if (!metadata.TryAdd(key, reader.GetString()!)) throw Refuse(source, $"{MetadataKey} names '{Short(key)}' twice");
        }
    }

    static SafetensorsTensorInfo ReadEntry(ref Utf8JsonReader reader, string name, long bufferLength, string source)
    {
        string what = $"tensor '{Short(name)}'";
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Refuse(source, $"{what} is JSON {Describe(reader.TokenType)}, not an object with dtype, shape and data_offsets");
        string? dtypeName = null;
        long[]? shape = null, offsets = null;
        while (Next(ref reader, source, what) != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            Next(ref reader, source, what);
            switch (field)
            {
                case "dtype":
                    if (dtypeName is not null) throw Refuse(source, $"{what} has two dtypes");
                    if (reader.TokenType != JsonTokenType.String) throw Refuse(source, $"{what}: dtype is JSON {Describe(reader.TokenType)}, not a string");
                    dtypeName = reader.GetString()!;
                    break;
                case "shape":
                    if (shape is not null) throw Refuse(source, $"{what} has two shapes");
                    shape = Integers(ref reader, source, $"{what}: shape");
                    break;
                case "data_offsets":
                    if (offsets is not null) throw Refuse(source, $"{what} has two data_offsets");
                    offsets = Integers(ref reader, source, $"{what}: data_offsets");
                    break;
                default:
                    reader.Skip(); // other fields are ignored, as the reference reader ignores them
                    break;
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
            throw Refuse(source, $"{what} lacks {string.Join(" and ", new[] { dtypeName is null ? "dtype" : null, shape is null ? "shape" : null, offsets is null ? "data_offsets" : null }.OfType<string>())}");
        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
            throw Refuse(source, $"{what} has dtype '{Short(dtypeName)}', which BBScore does not read (known: {SafetensorsDTypes.Known})");
        if (offsets.Length != 2) throw Refuse(source, $"{what}: data_offsets holds {offsets.Length} numbers, not [begin, end]");
        long count;
        try { count = ReadLimits.ElementCount(shape, $"{source}: {what}"); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{e.Message} {Advice}", e); }
        long begin = offsets[0], end = offsets[1];
        if (begin < 0 || end < begin)
            throw Refuse(source, $"{what}: data_offsets [{begin}, {end}] is not a range (begin ≤ end, both ≥ 0)");
        if (end > bufferLength)
            throw Refuse(source, $"{what}: data_offsets [{begin}, {end}] end past the data buffer's {bufferLength} bytes (truncated file?)");
        int size = dtype.Size();
        if (count > long.MaxValue / size || count * size != end - begin)
            throw Refuse(source, $"{what}: {dtypeName} of shape [{string.Join(",", shape)}] needs {(count > long.MaxValue / size ? "more than any file holds" : $"{count * size} bytes")}, " +
                                 $"but data_offsets [{begin}, {end}] hold {end - begin}");
        return new SafetensorsTensorInfo(name, dtype, shape, begin, end);
    }

    /// <summary>A JSON array of integers that fit a long.</summary>
    static long[] Integers(ref Utf8JsonReader reader, string source, string what)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Refuse(source, $"{what} is JSON {Describe(reader.TokenType)}, not an array of integers");
        var values = new List<long>();
        while (Next(ref reader, source, what) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value))
                throw Refuse(source, $"{what} holds {(reader.TokenType == JsonTokenType.Number ? "a number that is not a 64-bit integer" : "JSON " + Describe(reader.TokenType))}");
            if (value < 0) throw Refuse(source, $"{what} holds the negative number {value}");
            values.Add(value);
        }
        return values.ToArray();
    }

    /// <summary>The tensors in buffer order, refused unless they cover the buffer exactly once.</summary>
    static List<SafetensorsTensorInfo> Tile(List<SafetensorsTensorInfo> tensors, long bufferLength, string source)
    {
        var ordered = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        long covered = 0;
        SafetensorsTensorInfo? previous = null;
        foreach (var tensor in ordered)
        {
            if (tensor.Begin < covered)
                throw Refuse(source, $"tensors '{Short(previous!.Name)}' [{previous.Begin}, {previous.End}] and '{Short(tensor.Name)}' [{tensor.Begin}, {tensor.End}] overlap");
            if (tensor.Begin > covered)
                throw Refuse(source, $"bytes [{covered}, {tensor.Begin}) of the data buffer belong to no tensor");
            covered = tensor.End;
            previous = tensor;
        }
        if (covered != bufferLength)
            throw Refuse(source, $"bytes [{covered}, {bufferLength}) at the end of the data buffer belong to no tensor");
        return ordered;
    }

    static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>A name from the file, cut short for a message (a hostile header may hold megabytes in one).</summary>
    static string Short(string text) => text.Length <= 200 ? text : new StringBuilder(text, 0, 200, 203).Append("...").ToString();
}
