using BBScore.Numerics.Correlation;

namespace BBScore.Tests.Matching;

public class PearsonMatrixParityTests
{
    [Fact]
    public void Cross_correlations_equal_numpy_corrcoef_with_nan_for_a_constant_column()
    {
        var fixture = new MatchingFixture("pearson", "with_constant");
        var r = PearsonMatrix.BetweenColumns(fixture.Matrix("x"), fixture.Matrix("y"));
        MatchingAssert.Close(fixture.Matrix("r"), r, 1e-10, "pearson");
        for (int j = 0; j < r.GetLength(1); j++) Assert.True(double.IsNaN(r[3, j]));
    }
}
