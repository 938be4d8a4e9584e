using System.Buffers;
using System.Text.Json;
using BBScore.Metrics;

namespace BBScore.Results;

/// <summary>
/// JSON form of a <see cref="ScoreValue"/>: a scalar is a number, an n-d array is lists nested n
/// deep; NaN and ±Infinity are written as null (JSON has no such numbers) and read back as NaN.
/// Each value is written compactly on one line, so a million-unit vector or a folds × targets
/// matrix stays one line inside an otherwise indented file.
/// </summary>
internal static class ScoreValueJson
{
    public static void Write(Utf8JsonWriter writer, ScoreValue value) =>
        WriteCompact(writer, value.Data.Length, compact =>
        {
            if (value.IsScalar) WriteNumber(compact, value.Data[0]);
            else WriteNested(compact, value.Data, value.Shape, 0, 0);
        });

    public static void WriteNumbers(Utf8JsonWriter writer, double[] values) =>
        WriteCompact(writer, values.Length, compact => WriteNested(compact, values, [values.Length], 0, 0));

    public static void WriteShape(Utf8JsonWriter writer, int[] shape) =>
        WriteCompact(writer, shape.Length, compact =>
        {
            compact.WriteStartArray();
            foreach (int d in shape) compact.WriteNumberValue(d);
            compact.WriteEndArray();
        });

    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    /// <summary>Renders with an unindented writer and splices the text in as one raw value.</summary>
    static void WriteCompact(Utf8JsonWriter writer, int count, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, count * 20));
        using (var compact = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 256 }))
            write(compact);
        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    static void WriteNested(Utf8JsonWriter writer, double[] data, int[] shape, int axis, int offset)
    {
        writer.WriteStartArray();
        if (axis == shape.Length - 1)
        {
            for (int i = 0; i < shape[axis]; i++) WriteNumber(writer, data[offset + i]);
        }
        else
        {
            int stride = 1;
            for (int a = axis + 1; a < shape.Length; a++) stride *= shape[a];
            for (int i = 0; i < shape[axis]; i++) WriteNested(writer, data, shape, axis + 1, offset + i * stride);
        }
        writer.WriteEndArray();
    }

    /// <summary>Reads a value; the rank is the nesting depth. <paramref name="declaredShape"/> is
    /// needed only for arrays with no elements, whose depth beyond the first empty list is lost.</summary>
    public static ScoreValue Read(JsonElement element, string key, int[]? declaredShape)
    {
        if (element.ValueKind is JsonValueKind.Number or JsonValueKind.Null)
            return ScoreValue.Of(ReadNumber(element, key));
        if (element.ValueKind != JsonValueKind.Array)
            throw new FormatException($"Score '{key}' must be a number, null or a nested list, not {element.ValueKind}.");

        int[] shape = InferShape(element);
        if (declaredShape is not null && shape.Contains(0))
        {
            if (declaredShape.Aggregate(1L, (n, d) => n * d) != 0)
                throw new FormatException($"Score '{key}' is empty but its declared shape [{string.Join(",", declaredShape)}] is not.");
            return new ScoreValue([], declaredShape);
        }
        long count = shape.Aggregate(1L, (n, d) => n * d);
        var data = new double[count];
        int written = 0;
        Fill(element, shape, 0, data, ref written, key);
        return new ScoreValue(data, shape);
    }

    public static double ReadNumber(JsonElement element, string key) => element.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new FormatException($"Expected a number or null in '{key}', found {element.ValueKind}."),
    };

    static int[] InferShape(JsonElement element)
    {
        var shape = new List<int>();
        while (element.ValueKind == JsonValueKind.Array)
        {
            int length = element.GetArrayLength();
            shape.Add(length);
            if (length == 0) break;
            element = element[0];
        }
        return shape.ToArray();
    }

    static void Fill(JsonElement element, int[] shape, int axis, double[] data, ref int written, string key)
    {
        if (axis == shape.Length)
        {
            data[written++] = ReadNumber(element, key);
            return;
        }
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != shape[axis])
            throw new FormatException($"Score '{key}' is not a regular nested list of shape [{string.Join(",", shape)}].");
        foreach (JsonElement child in element.EnumerateArray()) Fill(child, shape, axis + 1, data, ref written, key);
    }
}
