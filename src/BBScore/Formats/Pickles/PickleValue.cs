using System.Numerics;

namespace BBScore.Formats.Pickles;

/// <summary>A value decoded from a pickle by <see cref="NumpyPickle"/>: a small, inert tree of Python
/// builtins, numpy arrays/scalars and pandas DataFrames. Nothing in it refers back to Python code.</summary>
public abstract class PickleValue
{
    /// <summary>This value as a dict, or an error naming what it is instead.</summary>
    public PickleDict AsDict() => this as PickleDict ?? throw new InvalidDataException($"expected a dict in the pickle, found {Describe()}.");

    /// <summary>This value as a numpy array, or an error naming what it is instead.</summary>
    public NdArray AsArray() => this as NdArray ?? throw new InvalidDataException($"expected a numpy array in the pickle, found {Describe()}.");

    /// <summary>A short description for error messages ("dict", "float64 array (3, 4)", ...).</summary>
    public abstract string Describe();
}

/// <summary>Python <c>None</c>.</summary>
public sealed class PickleNone : PickleValue
{
    public static readonly PickleNone Instance = new();
    PickleNone() { }
    public override string Describe() => "None";
}

/// <summary>A Python bool or a numpy bool scalar (then <see cref="DType"/> is set).</summary>
public sealed class PickleBool(bool value, NumpyDType? dtype = null) : PickleValue
{
    public bool Value { get; } = value;
    public NumpyDType? DType { get; } = dtype;
    public override string Describe() => DType is null ? "bool" : $"numpy {DType.Name} scalar";
}

/// <summary>A Python int (arbitrary size) or a numpy integer scalar (then <see cref="DType"/> is set).</summary>
public sealed class PickleInt(BigInteger value, NumpyDType? dtype = null) : PickleValue
{
    public BigInteger Value { get; } = value;
    public NumpyDType? DType { get; } = dtype;
    /// <summary>The value as a long (throws when it does not fit).</summary>
    public long ToInt64() => (long)Value;
    public override string Describe() => DType is null ? "int" : $"numpy {DType.Name} scalar";
}

/// <summary>A Python float or a numpy float scalar (then <see cref="DType"/> is set; float32 scalars are widened exactly).</summary>
public sealed class PickleFloat(double value, NumpyDType? dtype = null) : PickleValue
{
    public double Value { get; } = value;
    public NumpyDType? DType { get; } = dtype;
    public override string Describe() => DType is null ? "float" : $"numpy {DType.Name} scalar";
}

/// <summary>A Python str.</summary>
public sealed class PickleString(string value) : PickleValue
{
    public string Value { get; } = value;
    public override string Describe() => "str";
}

/// <summary>Python bytes or bytearray.</summary>
public sealed class PickleBytes(byte[] value) : PickleValue
{
    public byte[] Value { get; } = value;
    public override string Describe() => "bytes";
}

/// <summary>A Python list, tuple or set (<see cref="Kind"/> tells which).</summary>
public sealed class PickleList : PickleValue
{
    internal readonly List<PickleValue> Mutable = [];
    internal PickleList(PickleListKind kind) => Kind = kind;
    public PickleListKind Kind { get; }
    public IReadOnlyList<PickleValue> Items => Mutable;
    public int Count => Mutable.Count;
    public PickleValue this[int index] => Mutable[index];
    public override string Describe() => Kind.ToString().ToLowerInvariant();
}

public enum PickleListKind { List, Tuple, Set }

/// <summary>A Python dict. Key order is NOT the Python insertion order (the underlying unpickler
/// collects dicts into hash tables); string keys are looked up with <see cref="this[string]"/>.</summary>
public sealed class PickleDict : PickleValue
{
    internal readonly List<KeyValuePair<PickleValue, PickleValue>> Mutable = [];
    internal PickleDict() { }
    public IReadOnlyList<KeyValuePair<PickleValue, PickleValue>> Entries => Mutable;
    public int Count => Mutable.Count;

    /// <summary>The string keys (other keys are skipped).</summary>
    public IEnumerable<string> StringKeys => Mutable.Select(e => e.Key).OfType<PickleString>().Select(s => s.Value);

    public bool TryGetValue(string key, out PickleValue value)
    {
        foreach (var (k, v) in Mutable)
            if (k is PickleString s && s.Value == key) { value = v; return true; }
        value = PickleNone.Instance;
        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>The value under a string key, or an error listing the keys there are.</summary>
    public PickleValue this[string key] => TryGetValue(key, out var v) ? v
        : throw new KeyNotFoundException($"key '{key}' not found in the pickled dict (keys: {string.Join(", ", StringKeys.Order().Select(k => $"'{k}'"))}).");

    public override string Describe() => "dict";
}

/// <summary>A pandas DataFrame with plain numpy columns (float, int, uint, bool, object/str).</summary>
public sealed class PandasDataFrame(IReadOnlyList<PickleValue> columnLabels, IReadOnlyList<NdArray> columnValues, NdArray rowIndex, string? rowIndexName) : PickleValue
{
    /// <summary>The column labels in DataFrame order, as pickled (usually <see cref="PickleString"/>).</summary>
    public IReadOnlyList<PickleValue> ColumnLabels { get; } = columnLabels;

    /// <summary>The column values, parallel to <see cref="ColumnLabels"/>; each a 1-D array of <see cref="RowCount"/>.</summary>
    public IReadOnlyList<NdArray> ColumnValues { get; } = columnValues;

    /// <summary>The column labels as text (str labels as is, others via their Python-like text).</summary>
    public IReadOnlyList<string> ColumnNames { get; } = columnLabels.Select(LabelText).ToArray();

    /// <summary>The row index values (a RangeIndex is materialised as int64, after its length is checked against the file).</summary>
    public NdArray RowIndex { get; } = rowIndex;
    public string? RowIndexName { get; } = rowIndexName;
    public int RowCount => (int)RowIndex.Length;

    /// <summary>Column name → values.</summary>
    public IReadOnlyDictionary<string, NdArray> Columns => ColumnNames.Zip(ColumnValues).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second);

    /// <summary>One column by name, or an error listing the columns there are.</summary>
    public NdArray this[string column] => Columns.TryGetValue(column, out var v) ? v
        : throw new KeyNotFoundException($"column '{column}' not found in the pickled DataFrame (columns: {string.Join(", ", ColumnNames.Select(c => $"'{c}'"))}).");

    public override string Describe() => $"pandas DataFrame ({RowCount} rows × {ColumnValues.Count} columns)";

    internal static string LabelText(PickleValue label) => label switch
    {
        PickleString s => s.Value,
        PickleInt i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PickleFloat f => f.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        PickleBool b => b.Value ? "True" : "False",
        PickleNone => "None",
        _ => label.Describe(),
    };
}
