using BBScore.Formats.Matlab;
using BBScore.Stimuli;

namespace BBScore.Models.WeightFree;

/// <summary>The S2 prototypes of one patch scale: <see cref="Count"/> patches of 4 orientations ×
/// <see cref="Size"/>², row-major (patch, orientation, row, column).</summary>
public sealed record HmaxPatchScale(int Size, int Count, float[] Weights);

/// <summary>The S2 patch set: the original's universal patch set (<c>universal_patch_set.mat</c>) when it
/// is on disk, else a seeded stand-in sampled from C1 responses to noise images.</summary>
public sealed class HmaxPatchSet
{
    public const string FileName = "universal_patch_set.mat";
    public const string BucketObject = "hmax/universal_patch_set.mat";
    public const string Bucket = "stanford_neuroai_models";

    // The stand-in copies the universal set's layout: 400 patches at each of the sizes 4, 8, 12, 16.
    static readonly int[] SeededSizes = [4, 8, 12, 16];
    const int SeededCount = 400, SeededImages = 8, Seed = 1234;

    HmaxPatchSet(IReadOnlyList<HmaxPatchScale> scales, string description, string? filePath)
    {
        Scales = scales;
        Description = description;
        FilePath = filePath;
    }

    public IReadOnlyList<HmaxPatchScale> Scales { get; }

    /// <summary>Where the patches come from; part of the model's identity.</summary>
    public string Description { get; }

    /// <summary>The .mat file read, or null for the seeded set.</summary>
    public string? FilePath { get; }

    public bool IsUniversal => FilePath != null;

    /// <summary>Where the universal patch set is looked for in a models folder.</summary>
    public static string LocalPath(string modelsDir) => Path.Combine(modelsDir, "hmax", FileName);

    /// <summary>Reads the universal patch set as the original's loader does: variable <c>patches</c> is a
    /// 1×S cell of double matrices of (rows·cols·4) × N (one column per patch, MATLAB's (row, col, orientation)
    /// column-major flattening), and <c>patchSizes</c> is a 4×S matrix whose column s is (rows, cols, 4, N).
    /// The original's <c>patch.reshape(shape[[2,1,0,3]]).transpose(3,0,2,1)</c> gives
    /// P[n, o, y, x] = patch[(o·cols + x)·rows + y, n].</summary>
    public static HmaxPatchSet Load(string path)
    {
        using var mat = MatFile.Open(path);
        if (mat.Read("patches") is not MatCell cell) throw new InvalidDataException($"{path}: 'patches' is not a cell array.");
        if (mat.Read("patchSizes") is not MatNumeric sizes || sizes.Shape.Length != 2 || sizes.Shape[0] < 4)
            throw new InvalidDataException($"{path}: 'patchSizes' is not a 4×S matrix.");
        double[] table = sizes.ToDoubles();
        int columns = sizes.Shape[1];
        if (cell.Items.Count != columns) throw new InvalidDataException($"{path}: {cell.Items.Count} patch matrices but {columns} patchSizes columns.");
        var scales = new List<HmaxPatchScale>();
        for (int s = 0; s < columns; s++)
        {
            int rows = (int)table[s], cols = (int)table[columns + s], orientations = (int)table[2 * columns + s], count = (int)table[3 * columns + s];
            if (rows != cols || orientations != 4)
                throw new InvalidDataException($"{path}: patch scale {s} is {rows}×{cols}×{orientations}; HMAX needs square patches of 4 orientations.");
            if (cell.Items[s] is not MatNumeric matrix || matrix.Count != rows * cols * 4 * count)
                throw new InvalidDataException($"{path}: patches{{{s + 1}}} does not hold {rows}×{cols}×4×{count} values.");
            double[] data = matrix.ToDoubles(); // row-major (rows·cols·4, N)
            var weights = new float[count * 4 * rows * cols];
            for (int n = 0; n < count; n++)
                for (int o = 0; o < 4; o++)
                    for (int y = 0; y < rows; y++)
                        for (int x = 0; x < cols; x++)
                            weights[((n * 4 + o) * rows + y) * cols + x] = (float)data[((o * cols + x) * rows + y) * count + n];
            scales.Add(new HmaxPatchScale(rows, count, weights));
        }
        return new HmaxPatchSet(scales, $"universal patch set {FileName} ({string.Join(", ", scales.Select(x => $"{x.Count}×{x.Size}²"))})", path);
    }

    /// <summary>The seeded stand-in: for each size 4, 8, 12, 16, 400 patches cut at random from the C1
    /// maps (bands at least as large as the patch) of 8 uniform-noise RGB images run through the model's
    /// own preprocessing; System.Random(1234) draws the pixels, then image, band and position per patch.</summary>
    public static HmaxPatchSet Seeded(Func<RgbImage, (float[] Map, int Side)[]> c1Of)
    {
        var random = new Random(Seed);
        var c1 = new List<(float[] Map, int Side)[]>();
        for (int i = 0; i < SeededImages; i++)
        {
            var pixels = new byte[64 * 64 * 3];
            random.NextBytes(pixels);
            c1.Add(c1Of(new RgbImage(64, 64, pixels)));
        }
        var scales = new List<HmaxPatchScale>();
        foreach (int s in SeededSizes)
        {
            var weights = new float[SeededCount * 4 * s * s];
            for (int n = 0; n < SeededCount; n++)
            {
                var bands = c1[random.Next(c1.Count)].Where(b => b.Side >= s).ToList();
                var (map, h) = bands[random.Next(bands.Count)];
                int y0 = random.Next(h - s + 1), x0 = random.Next(h - s + 1);
                for (int o = 0; o < 4; o++)
                    for (int y = 0; y < s; y++)
                        for (int x = 0; x < s; x++)
                            weights[((n * 4 + o) * s + y) * s + x] = map[(o * h + y0 + y) * h + x0 + x];
            }
            scales.Add(new HmaxPatchScale(s, SeededCount, weights));
        }
        return new HmaxPatchSet(scales,
            $"seeded patch set (System.Random({Seed}): {SeededCount} patches each of sizes {string.Join(", ", SeededSizes)} from C1 of {SeededImages} noise images)", null);
    }
}
