using System.Text;
using BBScore.Formats.Hdf5;
using PureHDF;
using PureHDF.VOL.Native;

namespace BBScore.Datasets.Physion;

/// <summary>The netCDF4 (HDF5) variables of a Physion human-response file, read through PureHDF as xarray decodes them
/// (FORMATS-NOTES §4): one 1-D dataset per variable or coordinate, all along the presentation dimension; strings as
/// variable-length (NC_STRING), fixed-length, or char arrays with a trailing string-length dimension; numbers of any
/// integer or float width, with <c>_FillValue</c> / <c>missing_value</c> decoded to NaN (xarray's masking; xarray
/// stores a bool as int8 with <c>dtype="bool"</c>, which reads as 0/1). Every dataset's size is checked against the
/// file before PureHDF allocates it (a damaged file can declare anything).</summary>
internal sealed class PhysionHumanNetCdf(NativeFile file, string path, long fileBytes)
{
    public string Path => path;

    /// <summary>The variable's dataset at the root group, or null when the file has none of that name.</summary>
    public IH5Dataset? Find(string name) =>
        file.Children().OfType<IH5Dataset>().FirstOrDefault(d => d.Name == name);

    /// <summary>The variable's dataset; a missing one names the file and the variables it has.</summary>
    public IH5Dataset Require(string name) => Find(name) ?? throw new InvalidDataException(
        $"{path}: no variable '{name}' (the file has {string.Join(", ", file.Children().OfType<IH5Dataset>().Select(d => d.Name))}); " +
        "it is not a Physion human-response file, or it is damaged.");

    /// <summary>The presentation count: the length of <paramref name="ds"/>'s first axis.</summary>
    public static int Rows(IH5Dataset ds, string context) =>
        ds.Space.Dimensions.Length is 1 or 2 && ds.Space.Dimensions[0] <= int.MaxValue
            ? (int)ds.Space.Dimensions[0]
            : throw new InvalidDataException($"{context} has shape ({string.Join(", ", ds.Space.Dimensions)}); a per-presentation variable is 1-D.");

    /// <summary>One string per presentation.</summary>
    public string[] Strings(IH5Dataset ds, int rows)
    {
        string context = $"{path}: variable '{ds.Name}'";
        int count = Hdf5Limits.RequireStorable(ds, fileBytes, context);
        var dims = ds.Space.Dimensions;
        if (ds.Type.Class is H5DataTypeClass.VariableLength or H5DataTypeClass.String && dims.Length == 1)
        {
            RequireRows(dims[0], rows, context);
            return count == 0 ? [] : ds.Read<string[]>().Select(s => s ?? "").ToArray();
        }
        // netCDF char arrays (xarray's fixed-width bytes): (presentation, stringN) single characters, NUL-padded.
        if (dims.Length == 2 && ds.Type.Size == 1 && ds.Type.Class is H5DataTypeClass.String or H5DataTypeClass.FixedPoint)
        {
            RequireRows(dims[0], rows, context);
            int width = (int)dims[1];
            byte[] bytes = count == 0 ? [] : ds.Type.Class == H5DataTypeClass.FixedPoint ? ds.Read<byte[]>() : ReadChars(ds, count);
            var result = new string[rows];
            for (int r = 0; r < rows; r++)
            {
                var cell = bytes.AsSpan(r * width, width);
                int end = cell.IndexOf((byte)0);
                result[r] = Encoding.UTF8.GetString(end < 0 ? cell : cell[..end]);
            }
            return result;
        }
        throw new InvalidDataException($"{context} holds {ds.Type.Class} values of {ds.Type.Size} bytes in shape ({string.Join(", ", dims)}); expected strings.");
    }

    /// <summary>One number per presentation, missing values as NaN.</summary>
    public double[] Numbers(IH5Dataset ds, int rows)
    {
        string context = $"{path}: variable '{ds.Name}'";
        int count = Hdf5Limits.RequireStorable(ds, fileBytes, context);
        if (ds.Space.Dimensions.Length != 1)
            throw new InvalidDataException($"{context} has shape ({string.Join(", ", ds.Space.Dimensions)}); a per-presentation answer is 1-D.");
        RequireRows(ds.Space.Dimensions[0], rows, context);
        if (count == 0) return [];
        double[] values = ds.Type.Class switch
        {
            H5DataTypeClass.FloatingPoint when ds.Type.Size == 8 => ds.Read<double[]>(),
            H5DataTypeClass.FloatingPoint when ds.Type.Size == 4 => Array.ConvertAll(ds.Read<float[]>(), v => (double)v),
            H5DataTypeClass.FixedPoint => Integers(ds, ds.Type.Size, ds.Type.FixedPoint.IsSigned, context),
            _ => throw new InvalidDataException($"{context} holds {ds.Type.Class} values of {ds.Type.Size} bytes; expected integers, bools (int8) or floats."),
        };
        foreach (string attribute in (string[])["_FillValue", "missing_value"])
            if (ds.AttributeExists(attribute) && MissingMarker(ds.Attribute(attribute)) is { } marker && !double.IsNaN(marker))
                for (int i = 0; i < values.Length; i++)
                    if (values[i] == marker) values[i] = double.NaN;
        return values;
    }

    static double[] Integers(IH5Dataset ds, int size, bool signed, string context) => (size, signed) switch
    {
        (1, true) => Array.ConvertAll(ds.Read<sbyte[]>(), v => (double)v),
        (1, false) => Array.ConvertAll(ds.Read<byte[]>(), v => (double)v),
        (2, true) => Array.ConvertAll(ds.Read<short[]>(), v => (double)v),
        (2, false) => Array.ConvertAll(ds.Read<ushort[]>(), v => (double)v),
        (4, true) => Array.ConvertAll(ds.Read<int[]>(), v => (double)v),
        (4, false) => Array.ConvertAll(ds.Read<uint[]>(), v => (double)v),
        (8, true) => Array.ConvertAll(ds.Read<long[]>(), v => (double)v),
        (8, false) => Array.ConvertAll(ds.Read<ulong[]>(), v => (double)v),
        _ => throw new InvalidDataException($"{context} holds {size}-byte integers; expected 1, 2, 4 or 8 bytes."),
    };

    /// <summary>A numeric fill/missing marker as a double; null for one of another type (then nothing is masked).</summary>
    static double? MissingMarker(IH5Attribute attribute)
    {
        if (attribute.Space.Dimensions.Aggregate(1UL, (a, d) => a * d) != 1) return null;
        var type = attribute.Type;
        return (type.Class, type.Size, type.Class == H5DataTypeClass.FixedPoint && type.FixedPoint.IsSigned) switch
        {
            (H5DataTypeClass.FloatingPoint, 8, _) => attribute.Read<double[]>()[0],
            (H5DataTypeClass.FloatingPoint, 4, _) => attribute.Read<float[]>()[0],
            (H5DataTypeClass.FixedPoint, 1, true) => attribute.Read<sbyte[]>()[0],
            (H5DataTypeClass.FixedPoint, 1, false) => attribute.Read<byte[]>()[0],
            (H5DataTypeClass.FixedPoint, 2, true) => attribute.Read<short[]>()[0],
            (H5DataTypeClass.FixedPoint, 2, false) => attribute.Read<ushort[]>()[0],
            (H5DataTypeClass.FixedPoint, 4, true) => attribute.Read<int[]>()[0],
            (H5DataTypeClass.FixedPoint, 4, false) => attribute.Read<uint[]>()[0],
            (H5DataTypeClass.FixedPoint, 8, true) => attribute.Read<long[]>()[0],
            (H5DataTypeClass.FixedPoint, 8, false) => attribute.Read<ulong[]>()[0],
            _ => null,
        };
    }

    /// <summary>A 1-byte fixed-length string dataset (netCDF NC_CHAR) as raw bytes.</summary>
    static byte[] ReadChars(IH5Dataset ds, int count)
    {
        string[] cells = ds.Read<string[]>();
        var bytes = new byte[count];
        for (int i = 0; i < cells.Length && i < count; i++)
            bytes[i] = cells[i] is { Length: > 0 } c ? (byte)c[0] : (byte)0;
        return bytes;
    }

    void RequireRows(ulong length, int rows, string context)
    {
        if (length != (ulong)rows)
            throw new InvalidDataException($"{context} has {length} entries but {path}'s stimulus_id has {rows}; every variable is one value per presentation.");
    }
}
