namespace BBScore.Tests.Matching;

internal static class MatchingAssert
{
    /// <summary>Every entry within <paramref name="tolerance"/> (absolute); NaN only where expected is NaN.</summary>
    public static void Close(double[,] expected, double[,] actual, double tolerance, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double worst = 0;
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                if (double.IsNaN(expected[i, j]))
                {
                    Assert.True(double.IsNaN(actual[i, j]), $"{what}: expected NaN at ({i}, {j}), got {actual[i, j]}");
                    continue;
                }
                worst = Math.Max(worst, Math.Abs(expected[i, j] - actual[i, j]));
            }
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:E3} exceeds {tolerance:E1}");
    }
}
