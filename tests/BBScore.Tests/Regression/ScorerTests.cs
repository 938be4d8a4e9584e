using BBScore.Metrics;
using BBScore.Metrics.Regression;

namespace BBScore.Tests.Regression;

public class ScorerTests
{
    static double[,] Column(params double[] values)
    {
        var m = new double[values.Length, 1];
        for (int i = 0; i < values.Length; i++) m[i, 0] = values[i];
        return m;
    }

    static double HandPearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }

    static double HandR2(double[] truth, double[] prediction)
    {
        double mean = truth.Average();
        return 1 - truth.Zip(prediction, (t, p) => (t - p) * (t - p)).Sum() / truth.Sum(t => (t - mean) * (t - mean));
    }

    [Fact]
    public void PearsonAndR2MatchTheHandFormulasPerTarget()
    {
        var random = new Random(11);
        int rows = 30, targets = 4;
        var truth = new double[rows, targets];
        var prediction = new double[rows, targets];
        for (int r = 0; r < rows; r++)
            for (int t = 0; t < targets; t++)
            {
                truth[r, t] = random.NextDouble() * (t + 1);
                prediction[r, t] = truth[r, t] * 0.5 + random.NextDouble() - t;
            }
        double[] pearson = Scorers.Pearson(truth, prediction);
        double[] r2 = Scorers.R2(truth, prediction);
        for (int t = 0; t < targets; t++)
        {
            double[] x = Enumerable.Range(0, rows).Select(r => truth[r, t]).ToArray();
            double[] y = Enumerable.Range(0, rows).Select(r => prediction[r, t]).ToArray();
            Assert.Equal(HandPearson(x, y), pearson[t], 1e-12);
            Assert.Equal(HandR2(x, y), r2[t], 1e-12);
        }
    }

    [Fact]
    public void CompatPearsonIsTheSpearmanBrownTransformOfR()
    {
        Assert.Equal(2.0 / 3.0, Scorers.SpearmanBrown(0.5), 15);
        Assert.Equal(-2.0, Scorers.SpearmanBrown(-0.5), 15);
        Assert.Equal(1.0, Scorers.SpearmanBrown(1.0));

        var truth = Column(1, 2, 3, 4, 5, 7);
        var prediction = Column(2, 1, 4, 3, 6, 5);
        double r = Scorers.Pearson(truth, prediction)[0];
        Assert.Equal(2 * r / (1 + r), Scorers.Pearson(truth, prediction, CompatMode.BBScore)[0], 15);
        Assert.Equal(1.0, Scorers.Pearson(truth, truth, CompatMode.BBScore)[0]);
    }

    [Fact]
    public void ConstantColumnsHaveNoPlainPearsonButTheOriginalsDefaults()
    {
        var constant = Column(2, 2, 2, 2);
        var varying = Column(1, 2, 3, 4);
        Assert.True(double.IsNaN(Scorers.Pearson(constant, varying)[0]));
        Assert.True(double.IsNaN(Scorers.Pearson(varying, constant)[0]));
        // Original: variance below 1e-8 → 1.0 if allclose(atol 1e-8) else 0.0.
        Assert.Equal(1.0, Scorers.Pearson(constant, Column(2, 2, 2, 2 + 1e-9), CompatMode.BBScore)[0]);
        Assert.Equal(0.0, Scorers.Pearson(constant, varying, CompatMode.BBScore)[0]);
        Assert.Equal(0.0, Scorers.Pearson(varying, constant, CompatMode.BBScore)[0]);
        // A constant column whose mean is not exactly representable still counts as constant.
        Assert.True(double.IsNaN(Scorers.Pearson(Column(0.1, 0.1, 0.1), Column(1, 2, 3))[0]));
    }

    [Fact]
    public void FewerThanTwoRowsGiveNaN()
    {
        Assert.True(double.IsNaN(Scorers.Pearson(Column(1), Column(1))[0]));
        Assert.True(double.IsNaN(Scorers.Pearson(Column(1), Column(1), CompatMode.BBScore)[0]));
        Assert.True(double.IsNaN(Scorers.R2(Column(1), Column(1))[0]));
    }

    [Fact]
    public void R2FollowsScikitLearnForConstantTargets()
    {
        Assert.Equal(1.0, Scorers.R2(Column(3, 3, 3), Column(3, 3, 3))[0]);
        Assert.Equal(0.0, Scorers.R2(Column(3, 3, 3), Column(3, 3, 4))[0]);
        Assert.Equal(1.0, Scorers.R2(Column(1, 2, 3), Column(1, 2, 3))[0]);
        // Predicting the mean gives 0; worse than the mean is negative.
        Assert.Equal(0.0, Scorers.R2(Column(1, 2, 3), Column(2, 2, 2))[0], 15);
        Assert.Equal(1 - 8.0 / 2.0, Scorers.R2(Column(1, 2, 3), Column(3, 2, 1))[0], 15);
    }

    [Fact]
    public void MismatchedShapesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Scorers.Pearson(Column(1, 2, 3), Column(1, 2)));
    }
}
