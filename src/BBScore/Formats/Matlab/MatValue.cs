namespace BBScore.Formats.Matlab;

/// <summary>A variable read from a .mat file. <see cref="Shape"/> is the size MATLAB reports
/// (<c>size(x)</c>, at least two dimensions); element data are in row-major (C) order, so MATLAB's
/// <c>A(i,j)</c> of an m×n array is element <c>(i-1)*n + (j-1)</c>.</summary>
public abstract class MatValue(MatClass matClass, int[] shape)
{
    public MatClass Class { get; } = matClass;
    public int[] Shape { get; } = shape;
    public int Count => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>A numeric or logical array. <see cref="Data"/> is a typed row-major array
/// (<c>double[]</c>, <c>float[]</c>, <c>sbyte[]</c> ... <c>ulong[]</c>, <c>bool[]</c>).</summary>
public sealed class MatNumeric(MatClass matClass, int[] shape, Array data) : MatValue(matClass, shape)
{
    public Array Data { get; } = data;

    public T[] As<T>() => Data.GetType().GetElementType() == typeof(T) ? (T[])Data
        : throw new InvalidCastException($"MATLAB {Class.MatlabName()} data is {Data.GetType().Name}, not {typeof(T).Name}[].");

    /// <summary>All elements converted to double (int64/uint64 beyond 2^53 round).</summary>
    public double[] ToDoubles()
    {
        if (Data is double[] d) return d;
        var result = new double[Data.Length];
        for (int i = 0; i < result.Length; i++) result[i] = Data.GetValue(i) switch { bool b => b ? 1 : 0, var v => Convert.ToDouble(v) };
        return result;
    }
}

/// <summary>A char array: one string per row (a 1×n char is one string).</summary>
public sealed class MatChar(int[] shape, string[] rows) : MatValue(MatClass.Char, shape)
{
    public IReadOnlyList<string> Rows { get; } = rows;

    /// <summary>The rows joined by newlines; for the usual 1×n char, the string.</summary>
    public string Value => string.Join("\n", Rows);

    public override string ToString() => Value;
}

/// <summary>A cell array; <see cref="Items"/> in row-major order.</summary>
public sealed class MatCell(int[] shape, MatValue[] items) : MatValue(MatClass.Cell, shape)
{
    public IReadOnlyList<MatValue> Items { get; } = items;

    /// <summary>The items as strings (a cellstr); throws naming the first non-char item.</summary>
    public string[] ToStrings() => Items.Select((v, i) => v is MatChar c ? c.Value
        : throw new InvalidCastException($"cell item {i} is a MATLAB {v.Class.MatlabName()}, not char.")).ToArray();
}

/// <summary>A struct array; <see cref="Elements"/> in row-major order, each mapping field → value.</summary>
public sealed class MatStruct(int[] shape, string[] fieldNames, IReadOnlyDictionary<string, MatValue>[] elements)
    : MatValue(MatClass.Struct, shape)
{
    public IReadOnlyList<string> FieldNames { get; } = fieldNames;
    public IReadOnlyList<IReadOnlyDictionary<string, MatValue>> Elements { get; } = elements;

    /// <summary>A field of a 1×1 struct.</summary>
    public MatValue this[string field]
    {
        get
        {
            if (Elements.Count != 1) throw new InvalidOperationException($"struct array has {Elements.Count} elements; use Elements[i].");
            return Elements[0].TryGetValue(field, out var v) ? v
                : throw new KeyNotFoundException($"struct has no field '{field}' (fields: {string.Join(", ", FieldNames)}).");
        }
    }
}
