using BBScore.Features;
using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Progress;

namespace BBScore.Tests.Regression;

public class RegressionEvaluationTests
{
    static readonly double[,] Weights = { { 2, -1, 0.5 }, { -3, 4, 1 } };
    static readonly double[] Bias = [1, 0, -2];

    /// <summary>Targets = features · W + b (+ optional noise), features drawn uniformly in [-1, 1].</summary>
    static (FeatureTensor Features, double[,] Targets) Linear(int rows, int seed, double noise = 0)
    {
        var random = new Random(seed);
        var x = new float[rows * 2];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        var y = new double[rows, 3];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < 3; k++)
                y[r, k] = Bias[k] + x[r * 2] * Weights[0, k] + x[r * 2 + 1] * Weights[1, k] + noise * (random.NextDouble() - 0.5);
        return (new FeatureTensor(x, [rows, 2]), y);
    }

    [Fact]
    public void CrossValidationGivesFoldsByTargetsAndPerfectScoresForAnExactModel()
    {
        var (x, y) = Linear(43, seed: 1);
        var regressor = new LeastSquaresRegressor();
        var scores = RegressionEvaluation.Evaluate(regressor, new MetricInputs(x, y));
        Assert.Equal(10, regressor.Fits);
        Assert.Equal([10, 3], scores["raw_pearson"].Shape);
        Assert.Equal([10, 3], scores["raw_r2"].Shape);
        Assert.All(scores["raw_pearson"].Data, v => Assert.Equal(1.0, v, 9));
        Assert.Equal(1.0, scores.Headline, 9);
        Assert.Equal(1.0, scores["final_r2"].Scalar, 9);
        Assert.False(scores.TryGet("coef", out _)); // weights are stored only for a test-set fit
    }

    [Fact]
    public void TestSetModeScoresOnceAndStoresTheLinearWeights()
    {
        var (x, y) = Linear(30, seed: 2);
        var (xt, yt) = Linear(12, seed: 3);
        var scores = RegressionEvaluation.Evaluate(new LeastSquaresRegressor(), new MetricInputs(x, y, xt, yt, Ceiling: [0.5, 0.5, 0.5]));
        Assert.Equal([1, 3], scores["raw_pearson"].Shape);
        Assert.Equal(2.0, scores["final_pearson"].Scalar, 9); // r = 1 divided by a ceiling of 0.5
        Assert.Equal(1.0, scores["final_unceiled_pearson"].Scalar, 9);
        Assert.Equal([2, 3], scores["coef"].Shape);
        double[] coef = scores["coef"].Data;
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 3; k++) Assert.Equal(Weights[i, k], coef[i * 3 + k], 5);
        Assert.Equal(Bias, scores["intercept"].Data, new DoubleTolerance(1e-9));
        Assert.Equal([3], scores["alpha"].Shape);
    }

    [Fact]
    public void AConstantPredictionHasNoPlainPearsonButTheOriginalScoresItZero()
    {
        var (x, y) = Linear(40, seed: 4);
        var plain = RegressionEvaluation.Evaluate(new MeanRegressor(), new MetricInputs(x, y));
        Assert.True(double.IsNaN(plain.Headline));
        Assert.Equal(3, plain["n_nan_targets"].Scalar);
        var compat = RegressionEvaluation.Evaluate(new MeanRegressor(), new MetricInputs(x, y, Compat: CompatMode.BBScore));
        Assert.Equal(0.0, compat.Headline);
        Assert.False(compat.TryGet("n_nan_targets", out _));
    }

    [Fact]
    public void FoldsFollowTheSeed()
    {
        var (x, y) = Linear(50, seed: 5, noise: 2);
        double[] Raw(int seed) => RegressionEvaluation.Evaluate(new LeastSquaresRegressor(), new MetricInputs(x, y, Seed: seed))["raw_pearson"].Data;
        Assert.Equal(Raw(42), Raw(42));
        Assert.NotEqual(Raw(42), Raw(43));
    }

    [Fact]
    public void StratificationLabelsAndGroupsChooseTheFolds()
    {
        var (x, y) = Linear(40, seed: 6);
        int[] labels = Enumerable.Range(0, 40).Select(i => i < 30 ? 0 : 1).ToArray();
        var stratified = RegressionEvaluation.MakeFolds(new MetricInputs(x, y, StratifyLabels: labels), RegressionOptions.Default);
        Assert.All(stratified, f => Assert.Equal(1, f.Test.Count(r => labels[r] == 1)));

        int[] groups = Enumerable.Range(0, 40).Select(i => i / 4).ToArray();
        var grouped = RegressionEvaluation.MakeFolds(new MetricInputs(x, y, Groups: groups), RegressionOptions.Default);
        Assert.All(grouped, f => Assert.Single(f.Test.Select(r => groups[r]).Distinct()));

        var scores = new RegressionMetric("least_squares", new LeastSquaresRegressor()).Score(new MetricInputs(x, y, Groups: groups));
        Assert.Equal([10, 3], scores["raw_pearson"].Shape);
        Assert.Throws<ArgumentException>(() => RegressionEvaluation.Evaluate(new LeastSquaresRegressor(),
            new MetricInputs(x, y, StratifyLabels: labels, Groups: groups), RegressionOptions.Default));
    }

    [Fact]
    public void StratifiedFoldsWarnAboutSmallClasses()
    {
        var (x, y) = Linear(40, seed: 7);
        int[] labels = Enumerable.Range(0, 40).Select(i => i < 35 ? 0 : 1).ToArray();
        var progress = new RecordingProgress();
        RegressionEvaluation.Evaluate(new LeastSquaresRegressor(), new MetricInputs(x, y, StratifyLabels: labels), new RegressionOptions { Progress = progress });
        Assert.Contains(progress.Warnings, w => w.Contains("only 5 members"));
    }

    [Theory]
    [InlineData("rows")]
    [InlineData("features-nan")]
    [InlineData("targets-nan")]
    [InlineData("too-few")]
    [InlineData("test-without-targets")]
    [InlineData("ceiling")]
    [InlineData("labels")]
    [InlineData("test-width")]
    public void BadInputsFailBeforeFittingWithTheFix(string problem)
    {
        var (x, y) = Linear(20, seed: 8);
        var (xt, yt) = Linear(5, seed: 9);
        MetricInputs inputs = problem switch
        {
            "rows" => new MetricInputs(x, Linear(19, seed: 8).Targets),
            "features-nan" => new MetricInputs(WithNaN(x, row: 3, column: 1), y),
            "targets-nan" => new MetricInputs(x, WithNaN(y, row: 4, column: 2)),
            "too-few" => new MetricInputs(Linear(6, seed: 1).Features, Linear(6, seed: 1).Targets),
            "test-without-targets" => new MetricInputs(x, y, xt),
            "ceiling" => new MetricInputs(x, y, Ceiling: [1, 1]),
            "labels" => new MetricInputs(x, y, StratifyLabels: new int[19]),
            _ => new MetricInputs(x, y, new FeatureTensor(new float[15], [5, 3]), yt),
        };
        string expected = problem switch
        {
            "rows" => "20 rows but the training targets have 19",
            "features-nan" => "row 3, column 1",
            "targets-nan" => "row 4, column 2",
            "too-few" => "6 samples into 10 folds",
            "test-without-targets" => "give both or neither",
            "ceiling" => "2 values but there are 3 targets",
            "labels" => "19 stratification labels for 20",
            _ => "3 values per row but training features have 2",
        };
        var regressor = new LeastSquaresRegressor();
        var e = Assert.Throws<ArgumentException>(() => RegressionEvaluation.Evaluate(regressor, inputs));
        Assert.Contains(expected, e.Message);
        Assert.Equal(0, regressor.Fits);
    }

    [Fact]
    public void ConstantFeatureColumnsAreAcceptedWithANote()
    {
        var (x, y) = Linear(30, seed: 10);
        var data = (float[])x.Data.Clone();
        var widened = new float[30 * 3];
        for (int r = 0; r < 30; r++)
        {
            widened[r * 3] = data[r * 2];
            widened[r * 3 + 1] = data[r * 2 + 1];
            widened[r * 3 + 2] = 7f;
        }
        var progress = new RecordingProgress();
        var scores = RegressionEvaluation.Evaluate(new MeanRegressor(), new MetricInputs(new FeatureTensor(widened, [30, 3]), y), new RegressionOptions { Progress = progress });
        Assert.Equal([10, 3], scores["raw_r2"].Shape);
        Assert.Contains(progress.Infos, i => i.Contains("1 of 3 feature columns are constant"));
    }

    static FeatureTensor WithNaN(FeatureTensor x, int row, int column)
    {
        var data = (float[])x.Data.Clone();
        data[row * x.RowLength + column] = float.NaN;
        return new FeatureTensor(data, x.Shape);
    }

    static double[,] WithNaN(double[,] y, int row, int column)
    {
        var copy = (double[,])y.Clone();
        copy[row, column] = double.NaN;
        return copy;
    }

    sealed class RecordingProgress : IProgressSink
    {
        public List<string> Infos { get; } = [];
        public List<string> Warnings { get; } = [];
        public T Track<T>(string label, long total, Func<Action<long>, T> work) => work(_ => { });
        public void Info(string message) => Infos.Add(message);
        public void Warn(string message) => Warnings.Add(message);
    }
}

sealed class DoubleTolerance(double epsilon) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;
    public int GetHashCode(double value) => 0;
}
