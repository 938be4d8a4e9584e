using PureHDF;

namespace BBScore.Formats.Hdf5;

/// <summary>The bound every HDF5 reader applies before PureHDF allocates a dataset: PureHDF sizes its buffer from the
/// declared dimensions, which a damaged file can set to anything.</summary>
internal static class Hdf5Limits
{
    /// <summary>The dataset's element count, refused (<see cref="InvalidDataException"/> starting with
    /// <paramref name="context"/>) when the file of <paramref name="fileBytes"/> bytes cannot hold it: at most its length
    /// times deflate's best ratio (chunks may be compressed), and one array.</summary>
    public static int RequireStorable(IH5Dataset ds, long fileBytes, string context)
    {
        long count = ReadLimits.ElementCount(ds.Space.Dimensions.Select(d => d > long.MaxValue ? -1 : (long)d), context);
        ReadLimits.RequireBytes(count, Math.Max(1, (long)ds.Type.Size), fileBytes * ReadLimits.MaxDeflateRatio, context, "the dataset");
        return ReadLimits.RequireArrayLength(count, context, "the dataset");
    }
}
