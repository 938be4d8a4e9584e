using PureHDF;
using PureHDF.VOL.Native;

namespace BBScore.Formats.Matlab;

/// <summary>Reader for MATLAB v7.3 MAT-files (HDF5 after a 512-byte user block) over PureHDF.
/// MATLAB writes an m×n array as an HDF5 dataset of shape (n, m) (column-major); values come back with
/// MATLAB's shape in row-major order. Each dataset/group carries a <c>MATLAB_class</c> attribute; chars
/// are uint16 UTF-16 code units; cells are datasets of object references into <c>/#refs#</c>; structs
/// are groups; empty arrays are a uint64 vector of their dimensions with <c>MATLAB_empty</c>.</summary>
public sealed class Mat73File : IMatFile
{
    readonly NativeFile _file;
    readonly Mat73References _references;
    readonly long _fileBytes; // bounds every dataset's declared size (RequireStorable), read once

    public string Path { get; }
    public string Version => "7.3";
    public IReadOnlyList<string> VariableNames { get; }

    /// <summary>Object references resolved so far through the fast address index (diagnostics; see
    /// <see cref="Mat73References"/>).</summary>
    public int FastReferenceHits => _references.FastHits;

    Mat73File(string path, NativeFile file)
    {
        Path = path;
        _fileBytes = new FileInfo(path).Length;
        _file = file;
        _references = new Mat73References(file);
        VariableNames = file.Children().Select(c => c.Name).Where(n => !n.StartsWith('#')).ToArray();
        // HDF5 link names hold no '/' (it separates path parts) and are never empty: a name that does is a damaged
        // link table, and could not be read back by name.
        if (VariableNames.FirstOrDefault(n => n.Length == 0 || n.Contains('/')) is { } bad)
            throw new InvalidDataException($"the root group lists a link named '{bad}', which no HDF5 writer produces");
    }

    public static Mat73File Open(string path)
    {
        NativeFile? file = null;
        try
        {
            file = H5File.OpenRead(path);
            return new Mat73File(path, file);
        }
        catch (Exception ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not UnauthorizedAccessException)
        {
            file?.Dispose();
            throw new InvalidDataException($"{path}: cannot open as a MATLAB v7.3 (HDF5) file: {ex.Message} (truncated or damaged file?)", ex);
        }
    }

    public MatValue Read(string name)
    {
        string context = $"{Path}: variable '{name}'";
        RequireListed(name);
        return Guarded(context, () => ReadObject(Find(name, context), context, depth: 0));
    }

    /// <summary>A variable name, or an HDF5 path into one ("metadata/train_imgs/things_path").</summary>
    void RequireListed(string name)
    {
        if (name.StartsWith('#') || !VariableNames.Contains(name.Split('/')[0]))
            throw new KeyNotFoundException($"{Path}: no variable '{name}' (variables: {string.Join(", ", VariableNames)}).");
    }

    /// <summary>A variable the file lists; a listed name that does not resolve means a damaged link table.</summary>
    IH5Object Find(string name, string context)
    {
        if (_file.LinkExists(name)) return _file.Get(name);
        if (VariableNames.Contains(name)) throw new InvalidDataException($"{context}: listed in the file but its link cannot be followed (damaged file?).");
        throw new KeyNotFoundException($"{context}: no such path in the file (variables: {string.Join(", ", VariableNames)}).");
    }

    /// <summary>Runs a read, turning whatever PureHDF throws on a malformed file (including its NotSupportedException
    /// for header fields no writer produces) into an <see cref="InvalidDataException"/> naming the variable. The
    /// reader's own refusals (which start with the file's path) pass through.</summary>
    T Guarded<T>(string context, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (OutOfMemoryException ex)
        {
            // PureHDF allocates what a header field declares before reading it; a damaged field asks for more than memory.
            // The failed allocation left nothing behind, so this is a refusal like any other.
            throw new InvalidDataException($"{context}: the file declares a block larger than memory (damaged file?).", ex);
        }
        catch (Exception ex) when (ex is not InvalidDataException && !ex.Message.StartsWith(Path + ":", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{context}: cannot read ({ex.GetType().Name}: {ex.Message}); truncated or damaged file?", ex);
        }
    }

    /// <summary>Refuses a dataset whose declared size the file cannot hold, before PureHDF allocates it.</summary>
    int RequireStorable(IH5Dataset ds, string context) => Hdf5.Hdf5Limits.RequireStorable(ds, _fileBytes, context);

    MatValue ReadObject(IH5Object obj, string context, int depth)
    {
        if (depth > ReadLimits.MaxNestingDepth)
            throw new InvalidDataException($"{context}: cells and structs nest more than {ReadLimits.MaxNestingDepth} deep (a reference cycle in a damaged file?).");
        string className = obj.AttributeExists("MATLAB_class") ? obj.Attribute("MATLAB_class").Read<string>() : "";
        if (obj is IH5Group group)
        {
            if (className is "struct" or "")
                return ReadStruct(group, context, depth);
            throw new NotSupportedException($"{context}: MATLAB class '{className}' (stored as a group) is not supported; convert to numeric, char, cell or struct before saving.");
        }
        if (obj is not IH5Dataset ds) throw new NotSupportedException($"{context}: HDF5 object is neither a dataset nor a group.");
        if (ds.AttributeExists("MATLAB_sparse"))
            throw new NotSupportedException($"{context}: sparse MATLAB arrays are not supported; save full(x) instead.");
        var cls = MatClasses.FromMatlabName(className)
            ?? throw new NotSupportedException($"{context}: MATLAB class '{(className.Length == 0 ? "(none)" : className)}' is not supported; convert to numeric, char, cell or struct before saving.");
        if (ds.AttributeExists("MATLAB_empty"))
            return Empty(cls, ds, context);
        RequireStorable(ds, context);
        var shape = MatlabShape(ds);
        if (ds.Type.Class == H5DataTypeClass.Compound)
            throw new NotSupportedException($"{context}: complex {className} arrays are not supported; save real and imaginary parts separately.");
        return cls switch
        {
            MatClass.Cell => ReadCell(ds, shape, context, depth),
            MatClass.Char => ReadChar(ds, shape, context),
            MatClass.Struct => throw new NotSupportedException($"{context}: struct stored as a dataset (struct array) is not supported."),
            _ => new MatNumeric(cls, shape, ReadNumeric(ds, cls, shape)),
        };
    }

    /// <summary>HDF5's C-order dimensions reversed = MATLAB's size.</summary>
    static int[] MatlabShape(IH5Dataset ds) =>
        MatLayout.AtLeast2D(ds.Space.Dimensions.Reverse().Select(d => checked((int)d)).ToArray());

    MatValue Empty(MatClass cls, IH5Dataset ds, string context)
    {
        RequireStorable(ds, context);
        int[] shape = MatLayout.AtLeast2D(ds.Read<ulong[]>().Select(d => checked((int)d)).ToArray());
        return cls switch
        {
            MatClass.Char => new MatChar(shape, MatLayout.CharRows([], shape, context)),
            MatClass.Cell => new MatCell(shape, []),
            MatClass.Struct => new MatStruct(shape, [], []),
            _ => new MatNumeric(cls, shape, Array.CreateInstance(cls.ElementType(), 0)),
        };
    }

    static Array ReadNumeric(IH5Dataset ds, MatClass cls, int[] shape) => cls switch
    {
        MatClass.Double => MatLayout.ColumnMajorToRowMajor(ds.Read<double[]>(), shape),
        MatClass.Single => MatLayout.ColumnMajorToRowMajor(ds.Read<float[]>(), shape),
        MatClass.Int8 => MatLayout.ColumnMajorToRowMajor(ds.Read<sbyte[]>(), shape),
        MatClass.UInt8 => MatLayout.ColumnMajorToRowMajor(ds.Read<byte[]>(), shape),
        MatClass.Int16 => MatLayout.ColumnMajorToRowMajor(ds.Read<short[]>(), shape),
        MatClass.UInt16 => MatLayout.ColumnMajorToRowMajor(ds.Read<ushort[]>(), shape),
        MatClass.Int32 => MatLayout.ColumnMajorToRowMajor(ds.Read<int[]>(), shape),
        MatClass.UInt32 => MatLayout.ColumnMajorToRowMajor(ds.Read<uint[]>(), shape),
        MatClass.Int64 => MatLayout.ColumnMajorToRowMajor(ds.Read<long[]>(), shape),
        MatClass.UInt64 => MatLayout.ColumnMajorToRowMajor(ds.Read<ulong[]>(), shape),
        MatClass.Logical => MatLayout.ColumnMajorToRowMajor(Array.ConvertAll(ds.Read<byte[]>(), b => b != 0), shape),
        _ => throw new InvalidOperationException(cls.ToString()),
    };

    /// <summary>A numeric variable as h5py shows it: shape = the HDF5 dimensions (MATLAB's size
    /// reversed) and the data in file order, with no reordering: for a MATLAB m×n matrix this is its
    /// n×m transpose, row-major. This is what the Python original sees (e.g. TVSD's <c>train_MUA</c>
    /// is (images, channels) here); it skips the transposition pass on large arrays.</summary>
    public MatNumeric ReadNumericAsStored(string name)
    {
        string context = $"{Path}: variable '{name}'";
        RequireListed(name);
        return Guarded(context, () =>
        {
            if (Find(name, context) is not IH5Dataset ds)
                throw new KeyNotFoundException($"{Path}: no numeric variable '{name}' (variables: {string.Join(", ", VariableNames)}).");
            string className = ds.AttributeExists("MATLAB_class") ? ds.Attribute("MATLAB_class").Read<string>() : "";
            var cls = MatClasses.FromMatlabName(className);
            if (cls is null or MatClass.Char or MatClass.Cell or MatClass.Struct || ds.Type.Class == H5DataTypeClass.Compound
                || ds.AttributeExists("MATLAB_sparse"))
                throw new NotSupportedException($"{context}: MATLAB class '{className}' is not a real numeric array.");
            if (ds.AttributeExists("MATLAB_empty"))
            {
                var empty = (MatNumeric)Empty(cls.Value, ds, context);
                return new MatNumeric(cls.Value, empty.Shape.Reverse().ToArray(), empty.Data);
            }
            int count = RequireStorable(ds, context);
            var dims = MatLayout.AtLeast2D(ds.Space.Dimensions.Select(d => checked((int)d)).ToArray());
            return new MatNumeric(cls.Value, dims, ReadNumeric(ds, cls.Value, [count, 1])); // a vector shape: no reordering
        });
    }

    static MatChar ReadChar(IH5Dataset ds, int[] shape, string context)
    {
        if (ds.Type.Class != H5DataTypeClass.FixedPoint || ds.Type.Size != 2)
            throw new InvalidDataException($"{context}: char data is {ds.Type.Class} of {ds.Type.Size} bytes (expected uint16).");
        var units = ds.Read<ushort[]>();
        if (shape[0] == 1) // the usual 1×n: one UTF-16 string (surrogate pairs stay together)
            return new MatChar(shape, [new string(Array.ConvertAll(units, u => (char)u))]);
        return new MatChar(shape, MatLayout.CharRows(Array.ConvertAll(units, u => ((char)u).ToString()), shape, context));
    }

    MatCell ReadCell(IH5Dataset ds, int[] shape, string context, int depth)
    {
        if (ds.Type.Class != H5DataTypeClass.Reference)
            throw new InvalidDataException($"{context}: cell data is {ds.Type.Class} (expected object references).");
        var refs = ds.Read<NativeObjectReference1[]>();
        var items = new MatValue[refs.Length];
        for (int i = 0; i < refs.Length; i++)
            items[i] = ReadObject(_references.Resolve(refs[i]), $"{context}{{{i + 1}}}", depth + 1);
        return new MatCell(shape, MatLayout.ColumnMajorToRowMajor(items, shape));
    }

    MatStruct ReadStruct(IH5Group group, string context, int depth)
    {
        var fields = new Dictionary<string, MatValue>();
        foreach (var child in group.Children())
            fields[child.Name] = ReadObject(child, $"{context}.{child.Name}", depth + 1);
        var order = FieldOrder(group);
        string[] names = order is not null && order.Length == fields.Count && order.All(fields.ContainsKey)
            ? order
            : fields.Keys.ToArray();
        return new MatStruct([1, 1], names, [fields]);
    }

    /// <summary>MATLAB's field order from the <c>MATLAB_fields</c> attribute (a vlen array of char
    /// arrays; HDF5 itself lists links by name); null when absent or unreadable.</summary>
    static string[]? FieldOrder(IH5Group group)
    {
        if (!group.AttributeExists("MATLAB_fields")) return null;
        try
        {
            // vlen sequences of 1-byte fixed-length strings: PureHDF decodes them as string[][]
            var raw = group.Attribute("MATLAB_fields").Read<string[][]>();
            return raw.Select(chars => string.Concat(chars)).ToArray();
        }
        catch (Exception)
        {
            return null; // the order is cosmetic: fields stay in link order
        }
    }

    public void Dispose() => _file.Dispose();
}
