namespace BBScore.Formats.Pickles;

/// <summary>Access to the voxel metadata of an NSD subject pickle (<c>Y['voxel_metadata']['lh'|'rh']</c>):
/// columns <c>lh.ncsnr</c>, <c>lh.nsdgeneral.label</c>, <c>lh.prf-visualrois.label</c>, <c>lh.streams.label</c>
/// (and <c>rh.</c>), whether the hemisphere entry is a dict of numpy arrays (labels as object arrays of
/// str) or a pandas DataFrame.</summary>
public static class NsdVoxelMetadata
{
    /// <summary>All columns of one hemisphere. <paramref name="root"/> is the whole subject pickle or its
    /// <c>voxel_metadata</c> entry; <paramref name="hemisphere"/> is <c>lh</c> or <c>rh</c>.</summary>
    public static IReadOnlyDictionary<string, NdArray> Columns(PickleValue root, string hemisphere)
    {
        var dict = root.AsDict();
        if (dict.TryGetValue("voxel_metadata", out var meta)) dict = meta is PickleDict d ? d
            : throw new InvalidDataException($"'voxel_metadata' is a {meta.Describe()}, not a dict of hemispheres.");
        if (!dict.TryGetValue(hemisphere, out var hemi))
            throw new KeyNotFoundException($"voxel metadata has no hemisphere '{hemisphere}' (keys: {string.Join(", ", dict.StringKeys.Order())}).");
        return hemi switch
        {
            PandasDataFrame frame => frame.Columns,
            PickleDict columns => columns.Entries
                .Where(e => e.Key is PickleString && e.Value is NdArray)
                .ToDictionary(e => ((PickleString)e.Key).Value, e => (NdArray)e.Value),
            _ => throw new InvalidDataException($"voxel metadata for '{hemisphere}' is a {hemi.Describe()}, not a DataFrame or a dict of arrays."),
        };
    }

    /// <summary>One column (<paramref name="column"/> with or without the <c>lh.</c> prefix), or an error listing the columns.</summary>
    public static NdArray Column(PickleValue root, string hemisphere, string column)
    {
        var columns = Columns(root, hemisphere);
        string name = column.StartsWith(hemisphere + ".", StringComparison.Ordinal) ? column : $"{hemisphere}.{column}";
        return columns.TryGetValue(name, out var values) ? values
            : throw new KeyNotFoundException($"voxel metadata for '{hemisphere}' has no column '{name}' (columns: {string.Join(", ", columns.Keys.Order())}).");
    }

    /// <summary>The <c>&lt;hemi&gt;.ncsnr</c> column as float64.</summary>
    public static double[] Ncsnr(PickleValue root, string hemisphere) => Column(root, hemisphere, "ncsnr").ToDoubles();

    /// <summary>A label column: <paramref name="kind"/> is <c>nsdgeneral</c>, <c>prf-visualrois</c> or <c>streams</c>
    /// (reads <c>&lt;hemi&gt;.&lt;kind&gt;.label</c>); None → null.</summary>
    public static string?[] Labels(PickleValue root, string hemisphere, string kind) => Column(root, hemisphere, $"{kind}.label").ToStrings();
}
