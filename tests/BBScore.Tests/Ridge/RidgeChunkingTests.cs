using BBScore.Metrics.Regression;
using BBScore.Numerics.Ridge;

namespace BBScore.Tests.Ridge;

/// <summary>Processing targets in chunks (so that 100k targets fit in memory) must not change the fit.</summary>
public class RidgeChunkingTests
{
    [Theory]
    [InlineData("wide", true)]
    [InlineData("tall", true)]
    [InlineData("wide", false)]
    [InlineData("tall", false)]
    public void ChunkedTargetsGiveTheUnchunkedFit(string name, bool alphaPerTarget)
    {
        var fixture = RidgeFixture.Load(name);
        var whole = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, alphaPerTarget).Fit(fixture.XTrain, fixture.YTrain);
        var chunked = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, alphaPerTarget, options: new RidgeSolverOptions(TargetChunkSize: 7))
            .Fit(fixture.XTrain, fixture.YTrain);

        Assert.Equal(whole.Alpha, chunked.Alpha);
        // Identical arithmetic per target, except that float32 GEMM blocking may differ with the number of columns.
        RidgeAssert.ColumnsClose(whole.Predict(fixture.XTest), chunked.Predict(fixture.XTest), fixture.TargetScales(), 1e-6, "chunked prediction");
        var a = whole.Solution.LooMeanSquaredErrors!;
        var b = chunked.Solution.LooMeanSquaredErrors!;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                Assert.True(Math.Abs(a[i, j] - b[i, j]) <= 1e-5 * a[i, j], $"LOO error [{i},{j}]: {a[i, j]} vs {b[i, j]}");
    }

    [Fact]
    public void ASmallMemoryBudgetChunksWithoutChangingTheChoice()
    {
        var fixture = RidgeFixture.Load("wide");
        var options = new RidgeSolverOptions(ChunkBudgetBytes: 28L * 60 * 4); // about 4 targets per chunk for 60 rows
        var fit = new RidgeCvRegressor(fixture.Alphas, options: options).Fit(fixture.XTrain, fixture.YTrain);
        Assert.Equal(fixture.Vector("ridgecv_alpha"), ((RidgeLinearFit)fit).Alpha);
    }
}
