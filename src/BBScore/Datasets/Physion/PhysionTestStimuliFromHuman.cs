using PureHDF;
using PureHDF.VOL.Native;

namespace BBScore.Datasets.Physion;

/// <summary>The minimal human-data reader the Physion test splits need (spec §2.5): from a netCDF4 human file, the
/// <c>stimulus_id</c> of every presentation and the task's response (<c>responseBool</c> or <c>choice</c>), averaged per
/// stimulus as the original's <c>ds[var].groupby("stimulus_id").mean(dim="presentation")</c>; NaN responses are skipped
/// as xarray's mean skips them. netCDF4 is HDF5, read with PureHDF (docs FORMATS-NOTES §4): ids are variable-length
/// strings, xarray's booleans int8. Swap point: the full human-response reader of the physion_* metrics replaces this
/// file by implementing <see cref="IPhysionHumanStimuli"/> (see <see cref="Benchmarks.PhysionBenchmarks.HumanLoader"/>).</summary>
public sealed class PhysionTestStimuliFromHuman : IPhysionHumanStimuli
{
    PhysionTestStimuliFromHuman(IReadOnlyDictionary<string, double> means)
    {
        HumanMean = means;
        StimulusIds = means.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> StimulusIds { get; }
    public IReadOnlyDictionary<string, double> HumanMean { get; }

    /// <summary>Reads <paramref name="path"/>; a file that is not netCDF4 or lacks the variables is an
    /// <see cref="InvalidDataException"/> naming it (a damaged download, fetched again).</summary>
    public static IPhysionHumanStimuli Load(string path, PhysionTask task)
    {
        NativeFile file;
        try
        {
            file = H5File.OpenRead(path);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: not a readable netCDF4 (HDF5) file ({e.Message}); it is truncated or damaged.", e);
        }
        using (file)
        {
            string[] ids = Variable(file, path, "stimulus_id").Read<string[]>();
            double[] responses = Numbers(Variable(file, path, task.HumanVariable()), path, task.HumanVariable());
            if (ids.Length != responses.Length)
                throw new InvalidDataException($"{path}: {ids.Length} stimulus ids but {responses.Length} '{task.HumanVariable()}' values; " +
                                               "both must run along the presentations.");
            var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
            for (int i = 0; i < ids.Length; i++)
            {
                var (sum, count) = sums.GetValueOrDefault(ids[i]);
                sums[ids[i]] = double.IsNaN(responses[i]) ? (sum, count) : (sum + responses[i], count + 1);
            }
            return new PhysionTestStimuliFromHuman(sums.ToDictionary(s => s.Key, s => s.Value.Count == 0 ? double.NaN : s.Value.Sum / s.Value.Count, StringComparer.Ordinal));
        }
    }

    static IH5Dataset Variable(NativeFile file, string path, string name) =>
        file.LinkExists(name) && file.Get(name) is IH5Dataset ds ? ds
            : throw new InvalidDataException($"{path}: the human data has no variable '{name}'; it is not a Physion human file.");

    /// <summary>The variable's values as doubles, whatever numeric type it was written in (booleans are int8).</summary>
    static double[] Numbers(IH5Dataset ds, string path, string name) => (ds.Type.Class, ds.Type.Size) switch
    {
        (H5DataTypeClass.FloatingPoint, 8) => ds.Read<double[]>(),
        (H5DataTypeClass.FloatingPoint, 4) => Array.ConvertAll(ds.Read<float[]>(), v => (double)v),
        (H5DataTypeClass.FixedPoint, 1) => ds.Type.FixedPoint.IsSigned ? Array.ConvertAll(ds.Read<sbyte[]>(), v => (double)v) : Array.ConvertAll(ds.Read<byte[]>(), v => (double)v),
        (H5DataTypeClass.FixedPoint, 2) => ds.Type.FixedPoint.IsSigned ? Array.ConvertAll(ds.Read<short[]>(), v => (double)v) : Array.ConvertAll(ds.Read<ushort[]>(), v => (double)v),
        (H5DataTypeClass.FixedPoint, 4) => ds.Type.FixedPoint.IsSigned ? Array.ConvertAll(ds.Read<int[]>(), v => (double)v) : Array.ConvertAll(ds.Read<uint[]>(), v => (double)v),
        (H5DataTypeClass.FixedPoint, 8) => ds.Type.FixedPoint.IsSigned ? Array.ConvertAll(ds.Read<long[]>(), v => (double)v) : Array.ConvertAll(ds.Read<ulong[]>(), v => (double)v),
        var (cls, size) => throw new InvalidDataException($"{path}: '{name}' holds {cls} values of {size} bytes, not numbers."),
    };
}
