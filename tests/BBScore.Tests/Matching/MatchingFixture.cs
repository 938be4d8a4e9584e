using BBScore.Tests.Support;
using BBScore.Features;
using BBScore.Formats;

namespace BBScore.Tests.Matching;

/// <summary>One case written by tests/fixtures/generate_matching_fixtures.py (all arrays float64).</summary>
internal sealed class MatchingFixture(string group, string name)
{
    readonly string _folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "matching", group, name);

    public string Name => name;

    public static IEnumerable<string> Cases(string group) =>
        Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Fixtures", "matching", group)).Select(Path.GetFileName).Order()!;

    public bool Has(string key) => File.Exists(PathOf(key));

    public double[] Vector(string key) => NpyFile.ReadFloat64(PathOf(key)).Data;

    public double Scalar(string key) => Vector(key)[0];

    public int[] Indices(string key) => Vector(key).Select(v => (int)v).ToArray();

    public double[,] Matrix(string key) => NpyFixtures.Matrix(PathOf(key));

    /// <summary>A float64 matrix as float32 features (the fixtures store float32-representable values).</summary>
    public FeatureTensor Features(string key)
    {
        var (data, shape) = NpyFile.ReadFloat64(PathOf(key));
        return new FeatureTensor(Array.ConvertAll(data, v => (float)v), shape);
    }

    string PathOf(string key) => Path.Combine(_folder, key + ".npy");
}
