using BBScore.Formats;

namespace BBScore.Tests.Models.WeightFree;

/// <summary>Reads tests/fixtures/generate_weightfree_fixtures.py's NumPy reference arrays.</summary>
internal static class WeightFreeFixtures
{
    public static string PathOf(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "weightfree", folder, name);

    public static (double[] Data, int[] Shape) Float64(string folder, string name) => NpyFile.ReadFloat64(PathOf(folder, name + ".npy"));

    public static (float[] Data, int[] Shape) Float32(string folder, string name) => NpyFile.ReadFloat32(PathOf(folder, name + ".npy"));

    /// <summary>Asserts equal length and |expected − actual| ≤ tolerance everywhere, naming the first offender.</summary>
    public static void Close(double[] expected, IReadOnlyList<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }

    public static void Close(double[] expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
