using BBScore.Formats.Pickles;

namespace BBScore.Datasets.Nsd;

/// <summary>The parts of one NSD subject pickle the benchmarks use: <c>image_data.test</c> (uint8 images,
/// N×H×W×3, or a list of H×W×3 arrays), <c>brain_data.test.lh|rh</c> (N × reps × vertices) and the
/// voxel metadata columns of both hemispheres.</summary>
public sealed class NsdSubjectData
{
    NsdSubjectData(string subject, string source, PickleValue images, NdArray lh, NdArray rh,
                   NsdHemisphereColumns lhColumns, NsdHemisphereColumns rhColumns)
    {
        Subject = subject;
        Source = source;
        ImagesValue = images;
        Lh = lh;
        Rh = rh;
        LhColumns = lhColumns;
        RhColumns = rhColumns;
        ImageCount = lh.Shape[0];
        Trials = lh.Shape[1];
    }

    public string Subject { get; }
    public string Source { get; }

    /// <summary>The <c>image_data.test</c> entry as stored (see <see cref="NsdStimulusSet.FromSubject"/>).</summary>
    public PickleValue ImagesValue { get; }

    /// <summary>Test responses of each hemisphere, N × reps × vertices.</summary>
    public NdArray Lh { get; }
    public NdArray Rh { get; }
    public NsdHemisphereColumns LhColumns { get; }
    public NsdHemisphereColumns RhColumns { get; }
    public int ImageCount { get; }

    /// <summary>Repetitions averaged per image (the n of the ceiling).</summary>
    public int Trials { get; }

    /// <summary>Reads <paramref name="path"/> (never executing code) and checks the layout.</summary>
    public static NsdSubjectData Load(string subject, string path) => FromPickle(subject, NumpyPickle.Load(path), path);

    /// <summary>Checks and wraps an already decoded subject pickle; <paramref name="source"/> names it in errors.</summary>
    public static NsdSubjectData FromPickle(string subject, PickleValue root, string source)
    {
        try
        {
            var top = root.AsDict();
            var images = Entry(Entry(top, "image_data").AsDict(), "test");
            var brain = Entry(Entry(top, "brain_data").AsDict(), "test").AsDict();
            var lh = Entry(brain, "lh").AsArray();
            var rh = Entry(brain, "rh").AsArray();
            if (lh.Shape.Length != 3 || rh.Shape.Length != 3)
                throw new InvalidDataException($"brain_data.test.lh/rh must be (images, reps, vertices); found ({string.Join(", ", lh.Shape)}) and ({string.Join(", ", rh.Shape)}).");
            if (lh.Shape[0] != rh.Shape[0] || lh.Shape[1] != rh.Shape[1])
                throw new InvalidDataException($"brain_data.test.lh ({string.Join(", ", lh.Shape)}) and rh ({string.Join(", ", rh.Shape)}) differ in images or reps.");
            if (lh.Shape[1] < 1) throw new InvalidDataException("brain_data.test has no repetitions.");
            var lhCols = Columns(root, "lh");
            var rhCols = Columns(root, "rh");
            if (lhCols.Count != lh.Shape[2] || rhCols.Count != rh.Shape[2])
                throw new InvalidDataException(
                    $"voxel metadata has {lhCols.Count} lh / {rhCols.Count} rh vertices but brain_data.test has {lh.Shape[2]} / {rh.Shape[2]}.");
            return new NsdSubjectData(subject, source, images, lh, rh, lhCols, rhCols);
        }
        catch (Exception e) when (e is InvalidDataException or KeyNotFoundException)
        {
            throw new InvalidDataException(
                $"{source} is not a usable NSD subject file ({e.Message}). If it was downloaded incompletely or is another file, delete it and run again to download it.", e);
        }
    }

    static PickleValue Entry(PickleDict dict, string key) =>
        dict.TryGetValue(key, out var v) ? v
            : throw new KeyNotFoundException($"missing key '{key}' (keys: {string.Join(", ", dict.StringKeys.Order())})");

    static NsdHemisphereColumns Columns(PickleValue root, string hemi) => new(
        NsdVoxelMetadata.Ncsnr(root, hemi),
        NsdVoxelMetadata.Labels(root, hemi, "nsdgeneral"),
        NsdVoxelMetadata.Labels(root, hemi, "prf-visualrois"),
        NsdVoxelMetadata.Labels(root, hemi, "streams"));
}
