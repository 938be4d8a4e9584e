using System.Collections;
using System.Numerics;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;

namespace BBScore.Formats.Pickles;

/// <summary>Reads Python pickles (protocols 0–5, in-band buffers) holding numpy arrays and scalars,
/// pandas DataFrames (pandas 1.x BlockManager layout, plain numpy column dtypes) and builtin
/// containers, into an inert <see cref="PickleValue"/> tree. Never runs Python code: the opcode stream
/// is checked first and any global outside an explicit allow-list is refused with an
/// <see cref="InvalidDataException"/> (see <see cref="UnsupportedPickleGlobal"/>) naming it; the allowed globals are decoded by
/// constructors written here. Built on Razorvine.Pickle.</summary>
public static class NumpyPickle
{
    static readonly string[] NumpyCore = ["numpy.core", "numpy._core"];

    /// <summary>The globals a pickle may refer to.</summary>
    public static readonly IReadOnlySet<string> AllowedGlobals = new HashSet<string>(
        NumpyCore.SelectMany(m => new[] { $"{m}.multiarray._reconstruct", $"{m}.multiarray.scalar", $"{m}.numeric._frombuffer" })
        .Concat([
            "numpy.ndarray", "numpy.dtype",
            "_codecs.encode", "__builtin__.bytes", "builtins.bytes", "__builtin__.bytearray", "builtins.bytearray",
            "__builtin__.set", "builtins.set", "__builtin__.slice", "builtins.slice",
            "pandas._libs.internals._unpickle_block", "pandas.core.internals.managers.BlockManager",
            "pandas.core.indexes.base._new_Index", "pandas.core.indexes.base.Index", "pandas.core.indexes.range.RangeIndex",
            "pandas.core.indexes.numeric.Int64Index", "pandas.core.indexes.numeric.UInt64Index", "pandas.core.indexes.numeric.Float64Index",
            "pandas.core.frame.DataFrame",
        ]));

    static readonly object RegisterLock = new();
    static bool _registered;

    /// <summary>Reads and decodes a pickle file.</summary>
    public static PickleValue Load(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"pickle file not found: {path}", path, e);
        }
        return Loads(data, path);
    }

    /// <summary>Decodes pickle bytes; <paramref name="source"/> names them in error messages.</summary>
    public static PickleValue Loads(byte[] data, string source = "<pickle>")
    {
        PickleGlobalScanner.Check(data, source, AllowedGlobals);
        Register();
        object? root;
        try
        {
            using var unpickler = new Unpickler();
            root = unpickler.loads(data);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var inner = Innermost(e);
            if (inner is InvalidDataException ide) throw new InvalidDataException($"{source}: {ide.Message}", e);
            throw new InvalidDataException($"{source}: could not decode the pickle: {inner.Message}", e);
        }
        try
        {
            return new Converter(source, data.Length).Convert(root);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
        {
            // Whatever a malformed graph trips over (a cast, an overflow, a missing entry) is bad data, never a crash.
            throw new InvalidDataException($"{source}: could not decode the pickle: {e.Message}", e);
        }
    }

    static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    static void Register()
    {
        lock (RegisterLock)
        {
            if (_registered) return;
            foreach (var m in NumpyCore)
            {
                Unpickler.registerConstructor($"{m}.multiarray", "_reconstruct", new ReconstructCtor());
                Unpickler.registerConstructor($"{m}.multiarray", "scalar", new ScalarCtor());
                Unpickler.registerConstructor($"{m}.numeric", "_frombuffer", new FromBufferCtor());
            }
            Unpickler.registerConstructor("numpy", "dtype", new DTypeCtor());
            Unpickler.registerConstructor("builtins", "slice", new SliceCtor());
            Unpickler.registerConstructor("__builtin__", "slice", new SliceCtor());
            Unpickler.registerConstructor("builtins", "bytes", new BytesCtor());
            Unpickler.registerConstructor("pandas._libs.internals", "_unpickle_block", new UnpickleBlockCtor());
            Unpickler.registerConstructor("pandas.core.internals.managers", "BlockManager", new BlockManagerCtor());
            Unpickler.registerConstructor("pandas.core.indexes.base", "_new_Index", new NewIndexCtor());
            Unpickler.registerConstructor("pandas.core.frame", "DataFrame", new DataFrameCtor());
            _registered = true;
        }
    }

    // ---- intermediate objects built by the constructors (public __setstate__: Razorvine's BUILD finds it by reflection)

    internal sealed class DTypeShell(string text)
    {
        public string Text = text;
        public string? ByteOrder;
        public int ElementSize = -1;
        public void __setstate__(object[] state)
        {
            if (state.Length > 1 && state[1] is string order) ByteOrder = order;
            if (state.Length > 5 && state[5] is not null) ElementSize = System.Convert.ToInt32(state[5], System.Globalization.CultureInfo.InvariantCulture);
            if (state.Length > 3 && state[3] is not null)
                throw new InvalidDataException($"structured numpy dtypes (with named fields) are not supported.");
        }
        public NumpyDType ToDType()
        {
            var d = NumpyDType.Parse(Text, ByteOrder);
            return d.Kind == 'U' && ElementSize > 0 ? d with { ItemSize = ElementSize } : d;
        }
    }

    internal sealed class ArrayShell
    {
        public NdArray? Array;
        public int[] Shape = [];
        public NumpyDType? DType;
        public bool Fortran;
        public object? Payload;

        public void __setstate__(object[] state)
        {
            int o = state.Length == 5 ? 1 : state.Length == 4 ? 0 : throw new InvalidDataException($"unexpected numpy array state of {state.Length} items.");
            Shape = ToShape(state[o]);
            DType = ((state[o + 1] as DTypeShell) ?? throw new InvalidDataException("numpy array state without a dtype.")).ToDType();
            Fortran = state[o + 2] is true;
            Payload = state[o + 3];
        }
    }

    internal sealed class ScalarShell(NumpyDType dtype, object? payload)
    {
        public NumpyDType DType = dtype;
        public object? Payload = payload;
    }

    internal sealed record SliceValue(long? Start, long? Stop, long? Step);

    internal sealed record BlockValue(ArrayShell Values, object Placement);

    internal sealed record BlockManagerValue(object[] Blocks, IList Axes);

    internal sealed record IndexValue(string ClassName, Hashtable State);

    internal sealed class DataFrameShell
    {
        public Hashtable? State;
        public void __setstate__(Hashtable state) => State = state;
    }

    sealed class ReconstructCtor : IObjectConstructor
    {
        public object construct(object[] args) => new ArrayShell();
    }

    sealed class DTypeCtor : IObjectConstructor
    {
        public object construct(object[] args) => new DTypeShell(args.Length > 0 && args[0] is string s ? s : throw new InvalidDataException("numpy.dtype without a type string."));
    }

    sealed class ScalarCtor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length < 1 || args[0] is not DTypeShell dt) throw new InvalidDataException("numpy scalar without a dtype.");
            return new ScalarShell(dt.ToDType(), args.Length > 1 ? args[1] : null);
        }
    }

    sealed class FromBufferCtor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length < 3 || args[1] is not DTypeShell dt) throw new InvalidDataException("numpy _frombuffer with unexpected arguments.");
            return new ArrayShell
            {
                Shape = ToShape(args[2]),
                DType = dt.ToDType(),
                Fortran = args.Length > 3 && args[3] is string order && order == "F",
                Payload = args[0],
            };
        }
    }

    sealed class BytesCtor : IObjectConstructor
    {
        public object construct(object[] args) => args.Length switch
        {
            0 => System.Array.Empty<byte>(),
            1 when args[0] is byte[] b => b,
            1 when args[0] is ArrayList list => list.Cast<object>().Select(v => System.Convert.ToByte(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            _ => throw new InvalidDataException("bytes() with unexpected arguments."),
        };
    }

    sealed class SliceCtor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            long? At(int i) => args.Length > i && args[i] is not null ? System.Convert.ToInt64(args[i], System.Globalization.CultureInfo.InvariantCulture) : null;
            return args.Length == 1 ? new SliceValue(null, At(0), null) : new SliceValue(At(0), At(1), At(2));
        }
    }

    sealed class UnpickleBlockCtor : IObjectConstructor
    {
        public object construct(object[] args) =>
            args.Length >= 2 && args[0] is ArrayShell values && args[1] is not null
                ? new BlockValue(values, args[1])
                : throw new InvalidDataException("pandas block whose values are not a plain numpy array (extension dtypes such as Categorical, nullable Int64, string or tz-aware datetimes are not supported).");
    }

    sealed class BlockManagerCtor : IObjectConstructor
    {
        public object construct(object[] args) =>
            args.Length >= 2 && args[0] is object[] blocks && args[1] is IList axes
                ? new BlockManagerValue(blocks, axes)
                : throw new InvalidDataException("pandas BlockManager with an unexpected layout.");
    }

    sealed class NewIndexCtor : IObjectConstructor
    {
        public object construct(object[] args) =>
            args.Length >= 2 && args[0] is ClassDictConstructor cls && args[1] is Hashtable state
                ? new IndexValue($"{cls.module}.{cls.name}", state)
                : throw new InvalidDataException("pandas index with an unexpected layout.");
    }

    sealed class DataFrameCtor : IObjectConstructor
    {
        public object construct(object[] args) => new DataFrameShell();
    }

    static int[] ToShape(object? shape) => shape switch
    {
        object[] t => t.Select(v => System.Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        ArrayList l => l.Cast<object>().Select(v => System.Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        null => [],
        _ => [System.Convert.ToInt32(shape, System.Globalization.CultureInfo.InvariantCulture)],
    };

    // ---- conversion of Razorvine's object graph to PickleValue

    /// <param name="byteLength">The pickle's size: what lazily defined data (a RangeIndex) is bounded by.</param>
    sealed class Converter(string source, long byteLength)
    {
        readonly Dictionary<object, PickleValue> _seen = new(ReferenceEqualityComparer.Instance);
        int _depth;

        public PickleValue Convert(object? o)
        {
            if (o is null) return PickleNone.Instance;
            if (!o.GetType().IsValueType && o is not string && _seen.TryGetValue(o, out var known)) return known;
            if (++_depth > 500) throw new InvalidDataException("the pickle nests deeper than 500 levels.");
            try { return ConvertNew(o); }
            finally { _depth--; }
        }

        PickleValue ConvertNew(object o)
        {
            switch (o)
            {
                case bool b: return new PickleBool(b);
                case int i: return new PickleInt(i);
                case long l: return new PickleInt(l);
                case BigInteger bi: return new PickleInt(bi);
                case double d: return new PickleFloat(d);
                case string s: return new PickleString(s);
                case byte[] bytes: return Remember(o, new PickleBytes(bytes));
                case ArrayList list:
                {
                    var result = new PickleList(PickleListKind.List);
                    _seen[o] = result;
                    foreach (var item in list) result.Mutable.Add(Convert(item));
                    return result;
                }
                case object[] tuple:
                {
                    var result = new PickleList(PickleListKind.Tuple);
                    _seen[o] = result;
                    foreach (var item in tuple) result.Mutable.Add(Convert(item));
                    return result;
                }
                case Hashtable table:
                {
                    var result = new PickleDict();
                    _seen[o] = result;
                    foreach (DictionaryEntry e in table) result.Mutable.Add(new(Convert(e.Key), Convert(e.Value)));
                    return result;
                }
                case ISet<object> set:
                {
                    var result = new PickleList(PickleListKind.Set);
                    _seen[o] = result;
                    foreach (var item in set) result.Mutable.Add(Convert(item));
                    return result;
                }
                case ArrayShell array: return Remember(o, ToArray(array));
                case ScalarShell scalar: return Remember(o, ToScalar(scalar));
                case DataFrameShell frame: return Remember(o, ToDataFrame(frame));
                case IndexValue index: return Remember(o, IndexValues(index));
                case ClassDictConstructor cls:
                    throw new InvalidDataException($"the pickle holds the class '{cls.module}.{cls.name}' itself as a value, which is not supported.");
                case ClassDict cd:
                    throw UnsupportedPickleGlobal.Create(source, cd.ClassName);
                case DTypeShell dt:
                    throw new InvalidDataException($"the pickle holds a bare numpy dtype ('{dt.Text}') as a value, which is not supported.");
                default:
                    throw new InvalidDataException($"the pickle holds a {o.GetType().Name} value, which is not supported.");
            }
        }

        PickleValue Remember(object key, PickleValue value)
        {
            _seen[key] = value;
            return value;
        }

        public NdArray ToArray(ArrayShell shell)
        {
            if (shell.Array is not null) return shell.Array;
            var dtype = shell.DType ?? throw new InvalidDataException("a numpy array was reconstructed but never given its state.");
            NdArray result;
            if (dtype.Kind == 'O')
            {
                if (shell.Payload is not IList items) throw new InvalidDataException("a numpy object array without its list of items.");
                // Object payloads are pickled in C order even for Fortran arrays.
                var values = new PickleValue[items.Count];
                for (int i = 0; i < values.Length; i++) values[i] = Convert(items[i]);
                result = new NdArray(dtype, shell.Shape, values);
            }
            else
            {
                byte[] raw = shell.Payload switch
                {
                    byte[] b => b,
                    string s => System.Text.Encoding.Latin1.GetBytes(s),
                    _ => throw new InvalidDataException($"a numpy {dtype.Name} array whose data is a {shell.Payload?.GetType().Name ?? "None"}."),
                };
                result = NdArray.FromBytes(dtype, shell.Shape, shell.Fortran, raw, source);
            }
            shell.Array = result;
            return result;
        }

        PickleValue ToScalar(ScalarShell s)
        {
            var dt = s.DType;
            if (dt.Kind == 'O') return Convert(s.Payload);
            byte[] raw = s.Payload switch
            {
                byte[] b => b,
                string text => System.Text.Encoding.Latin1.GetBytes(text),
                _ => throw new InvalidDataException($"a numpy {dt.Name} scalar without its bytes."),
            };
            var array = NdArray.FromBytes(dt, [], false, raw, source);
            return dt.Kind switch
            {
                'f' => new PickleFloat(array.ToDoubles()[0], dt),
                'b' => new PickleBool(((bool[])array.Data)[0], dt),
                'U' => new PickleString(((string[])array.Data)[0]),
                'i' or 'u' => new PickleInt(BigInteger.Parse(System.Convert.ToString(array.Data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture), dt),
                _ => throw new InvalidDataException($"a numpy {dt.Name} scalar is not supported."),
            };
        }

        NdArray IndexValues(IndexValue index)
        {
            var state = index.State;
            if (index.ClassName.EndsWith(".RangeIndex", StringComparison.Ordinal))
            {
                long start = state["start"] is { } a ? System.Convert.ToInt64(a, System.Globalization.CultureInfo.InvariantCulture) : 0;
                long stop = System.Convert.ToInt64(state["stop"] ?? 0, System.Globalization.CultureInfo.InvariantCulture);
                long step = state["step"] is { } c ? System.Convert.ToInt64(c, System.Globalization.CultureInfo.InvariantCulture) : 1;
                if (step == 0) throw new InvalidDataException("a pandas RangeIndex with step 0.");
                // A range costs a few bytes in the file whatever its length, so its length is checked before it
                // is materialised: every row it labels has data somewhere in the file, so it cannot be longer
                // than the file has bytes (the DataFrame then checks it against its columns exactly).
                Int128 span = step > 0 ? (Int128)stop - start : (Int128)start - stop;
                Int128 length = span <= 0 ? 0 : (span - 1) / Int128.Abs(step) + 1;
                if (length > byteLength)
                    throw new InvalidDataException($"a pandas RangeIndex({start}, {stop}, {step}) of {length} entries, but the pickle holds only {byteLength} bytes of data for it.");
                var values = new long[(int)length];
                for (int i = 0; i < values.Length; i++) values[i] = start + i * step;
                return new NdArray(NumpyDType.Parse("<i8"), [values.Length], values);
            }
            if (state["data"] is ArrayShell data) return ToArray(data);
            throw new InvalidDataException($"pandas index '{index.ClassName}' is not supported (only Index and RangeIndex with plain numpy data).");
        }

        static string? IndexName(IndexValue index) => index.State["name"] as string;

        PandasDataFrame ToDataFrame(DataFrameShell frame)
        {
            var state = frame.State ?? throw new InvalidDataException("a pandas DataFrame without its state.");
            if (state["_mgr"] is not BlockManagerValue manager)
                throw new InvalidDataException("a pandas DataFrame whose data is not a BlockManager (pickles from pandas before 1.0 or with extension arrays are not supported).");
            if (manager.Axes.Count != 2 || manager.Axes[0] is not IndexValue columnsIndex || manager.Axes[1] is not IndexValue rowsIndex)
                throw new InvalidDataException("a pandas DataFrame whose axes are not two plain indexes (MultiIndex and DatetimeIndex are not supported).");
            var labels = ToArray2(IndexValues(columnsIndex));
            var rows = IndexValues(rowsIndex);
            int nRows = (int)rows.Length;
            var columns = new NdArray?[labels.Count];
            foreach (var b in manager.Blocks)
            {
                if (b is not BlockValue block) throw new InvalidDataException("a pandas block with an unexpected layout.");
                var values = ToArray(block.Values);
                long[] positions = block.Placement switch
                {
                    SliceValue s => SlicePositions(s, labels.Count),
                    ArrayShell a => ToArray(a) is { DType.Kind: 'i' or 'u' } p ? p.ToDoubles().Select(v => (long)v).ToArray()
                        : throw new InvalidDataException("a pandas block placement that is not an integer array."),
                    _ => throw new InvalidDataException("a pandas block with an unexpected placement."),
                };
                int nCols = values.Shape.Length == 2 ? values.Shape[0] : values.Shape.Length == 1 ? 1 : -1;
                int blockRows = values.Shape.Length == 2 ? values.Shape[1] : values.Shape.Length == 1 ? values.Shape[0] : -1;
                if (nCols != positions.Length || blockRows != nRows)
                    throw new InvalidDataException($"a pandas block of shape ({string.Join(", ", values.Shape)}) does not match {positions.Length} columns × {nRows} rows.");
                for (int i = 0; i < positions.Length; i++)
                {
                    var column = Array.CreateInstance(values.Data.GetType().GetElementType()!, nRows);
                    Array.Copy(values.Data, (long)i * nRows, column, 0, nRows);
                    if (positions[i] < 0 || positions[i] >= columns.Length) throw new InvalidDataException("a pandas block placed outside the columns.");
                    columns[positions[i]] = new NdArray(values.DType, [nRows], column);
                }
            }
            int missing = Array.IndexOf(columns, null);
            if (missing >= 0) throw new InvalidDataException($"pandas column {missing} has no block.");
            return new PandasDataFrame(labels, columns!, rows, IndexName(rowsIndex));
        }

        static IReadOnlyList<PickleValue> ToArray2(NdArray labels) => labels.Data switch
        {
            PickleValue[] o => o,
            string[] s => s.Select(v => (PickleValue)new PickleString(v)).ToArray(),
            _ when labels.DType.Kind is 'i' or 'u' => Enumerable.Range(0, (int)labels.Length)
                .Select(i => (PickleValue)new PickleInt(BigInteger.Parse(System.Convert.ToString(labels.Data.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!, System.Globalization.CultureInfo.InvariantCulture))).ToArray(),
            _ => labels.ToDoubles().Select(v => (PickleValue)new PickleFloat(v)).ToArray(),
        };

        static long[] SlicePositions(SliceValue s, int length)
        {
            long step = s.Step ?? 1, start = s.Start ?? 0, stop = Math.Min(s.Stop ?? length, length); // as Python clips a slice to its sequence
            if (step <= 0) throw new InvalidDataException("a pandas block placement with a non-positive step.");
            if (start < 0) throw new InvalidDataException("a pandas block placement with a negative start.");
            var result = new List<long>();
            for (long v = start; v < stop; v += step) result.Add(v);
            return result.ToArray();
        }
    }
}
