using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.TorchRidge;

namespace BBScore.Tests.TorchMetrics;

public class ValidationSplitTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(30, 3)] // 30 · 0.1 = 3.0000000000000004 in binary: truncates to 3, as Python's int()
    [InlineData(99, 9)]
    public void HoldsOutTheTruncatedTenthAndPartitionsTheRows(int rows, int expectedValidation)
    {
        var split = ValidationSplit.Draw(rows, 0.1, new SeededRandom(42));

        Assert.Equal(expectedValidation, split.Validation.Length);
        Assert.Equal(Enumerable.Range(0, rows), split.Validation.Concat(split.Training).Order());
    }

    [Fact]
    public void TheSeedFixesTheSplit()
    {
        var first = ValidationSplit.Draw(200, 0.1, new SeededRandom(7));
        var again = ValidationSplit.Draw(200, 0.1, new SeededRandom(7));
        var other = ValidationSplit.Draw(200, 0.1, new SeededRandom(8));

        Assert.Equal(first.Validation, again.Validation);
        Assert.NotEqual(first.Validation, other.Validation);
    }
}
