using PureHDF;
using PureHDF.VOL.Native;

namespace BBScore.Formats.Hdf5;

/// <summary>One fMRI run stored as an HDF5 (.hf5) file, as LeBel et al. 2023 publish their preprocessed data: a 2-D
/// float dataset (TRs, voxels). The dataset is the first of <c>data</c>, <c>dset</c>, <c>roi</c>, <c>rep</c> that the
/// file has, else the first by name (h5py's key order, which the original takes).</summary>
public static class Hf5TimeSeries
{
    /// <summary>The dataset names tried first, in order (the original's list).</summary>
    public static readonly IReadOnlyList<string> PreferredNames = ["data", "dset", "roi", "rep"];

    /// <summary>The run's (TRs, voxels) values as float32, and the dataset's name. A malformed file, one without a
    /// dataset, or one whose dataset is not 2-D float is an <see cref="InvalidDataException"/> naming the file; a
    /// declared size the file cannot hold is refused before anything is allocated.</summary>
    public static (float[,] Values, string Dataset) Read(string path)
    {
        var file = Hdf5Files.OpenRead(path, "HDF5");
        using (file)
        {
            try
            {
                long fileBytes = new FileInfo(path).Length;
                var datasets = file.Children().OfType<IH5Dataset>().ToDictionary(d => d.Name, StringComparer.Ordinal);
                if (datasets.Count == 0)
                    throw new InvalidDataException(
                        $"{path}: the file holds no dataset at its top level (expected one of {string.Join(", ", PreferredNames)}); it is not a preprocessed run file. Delete it to fetch it again.");
                string name = PreferredNames.FirstOrDefault(datasets.ContainsKey) ?? datasets.Keys.Order(StringComparer.Ordinal).First();
                return (ReadMatrix(datasets[name], path, name, fileBytes), name);
            }
            catch (OutOfMemoryException e)
            {
                throw new InvalidDataException($"{path}: the file declares a block larger than memory; it is damaged and will be fetched again.", e);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                throw new InvalidDataException($"{path}: cannot read ({e.GetType().Name}: {e.Message}); truncated or damaged file? It will be fetched again.", e);
            }
        }
    }

    static float[,] ReadMatrix(IH5Dataset ds, string path, string name, long fileBytes)
    {
        string context = $"{path}: dataset '{name}'";
        var dims = ds.Space.Dimensions;
        if (dims.Length != 2)
            throw new InvalidDataException($"{context} has {dims.Length} dimensions; a run is (TRs, voxels).");
        if (ds.Type.Class != H5DataTypeClass.FloatingPoint || ds.Type.Size is not (4 or 8))
            throw new InvalidDataException($"{context} holds {ds.Type.Class} values of {ds.Type.Size} bytes; a run holds float32 or float64.");
        int count = Hdf5Limits.RequireStorable(ds, fileBytes, context);
        int rows = (int)dims[0], columns = (int)dims[1];
        var result = new float[rows, columns];
        if (count == 0) return result;
        if (ds.Type.Size == 4)
        {
            float[] flat = ds.Read<float[]>();
            Buffer.BlockCopy(flat, 0, result, 0, checked(count * sizeof(float)));
        }
        else
        {
            double[] flat = ds.Read<double[]>();
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    result[i, j] = (float)flat[(long)i * columns + j];
        }
        return result;
    }
}
