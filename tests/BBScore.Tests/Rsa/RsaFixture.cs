using BBScore.Tests.Support;
using BBScore.Features;
using BBScore.Formats;

namespace BBScore.Tests.Rsa;

/// <summary>One case written by tests/fixtures/generate_rsa_fixtures.py (SciPy reference values).</summary>
internal sealed class RsaFixture(string name)
{
    readonly string _folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "rsa", name);

    public double[] Vector(string key) => NpyFile.ReadFloat64(PathOf(key)).Data;

    /// <summary>A float64 array as (first axis, everything else flattened row-major).</summary>
    public double[,] Matrix(string key) => NpyFixtures.RowsMatrix(PathOf(key));

    public int[] Shape(string key) => NpyFile.ReadFloat64(PathOf(key)).Shape;

    public FeatureTensor Features(string key)
    {
        var (data, shape) = NpyFile.ReadFloat32(PathOf(key));
        return new FeatureTensor(data, shape);
    }

    string PathOf(string key) => Path.Combine(_folder, key + ".npy");
}

internal static class RsaAssert
{
    /// <summary>Equal within <paramref name="tolerance"/>, NaN exactly where expected NaN.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"entry {i}: expected NaN, got {actual[i]}");
            else Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    public static void Close(double expected, double actual, double tolerance = 1e-6) => Close([expected], [actual], tolerance);
}
