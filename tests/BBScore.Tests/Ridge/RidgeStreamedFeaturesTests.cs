using BBScore.Features;
using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Ridge;

namespace BBScore.Tests.Ridge;

/// <summary>Features left in their .npy file (<see cref="FeatureMatrix.OnDisk"/>) are read by ridge's kernel form a block
/// of columns at a time, the means coming from the blocks themselves: the fit must be the in-memory one (alphas, LOO errors,
/// weights, intercepts, predictions) for any block size, for rows picked out of a larger file, and through the metric's
/// cross-validation folds.</summary>
public sealed class RidgeStreamedFeaturesTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("bbscore-streamed-ridge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    FeatureMatrix OnDisk(FeatureMatrix x, string name)
    {
        string path = Path.Combine(_dir, name + ".npy");
        NpyFile.WriteFloat32(path, x.Data, [x.Rows, x.Cols]);
        var matrix = FeatureMatrix.OnFile(path, x.Rows, x.Cols);
        Assert.NotNull(matrix.OnDisk);
        return matrix;
    }

    [Theory]
    [InlineData(RidgePrecision.Mixed, 60L * 7 * 4)]     // 7 columns per block: many blocks, the last one shorter
    [InlineData(RidgePrecision.Mixed, 512L << 20)]      // one block
    [InlineData(RidgePrecision.Double, 60L * 13 * 4)]
    public void Streamed_fit_is_the_in_memory_fit(RidgePrecision precision, long blockBytes)
    {
        var fixture = RidgeFixture.Load("wide"); // 60 training rows, more features than rows: the kernel form
        var memory = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, options: new RidgeSolverOptions(precision)).Fit(fixture.XTrain, fixture.YTrain);
        var train = OnDisk(fixture.XTrain, "train");
        var test = OnDisk(fixture.XTest, "test");
        var streamed = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, options: new RidgeSolverOptions(precision, StreamBlockBytes: blockBytes)).Fit(train, fixture.YTrain);

        Assert.NotNull(train.OnDisk); // never loaded
        Assert.Equal(fixture.Vector("ridgecv_alpha"), streamed.Alpha);
        Assert.Equal(memory.Alpha, streamed.Alpha);
        var scales = fixture.TargetScales();
        // Predictions and intercepts are formed in float32 in both precisions, and mixed precision also sums the Gram matrix
        // in float32, whose rounding depends on the block order: 1e-6 and 5e-6 of the targets' scale are that noise; the
        // test-set scores must still agree to 1e-6.
        double predictionTolerance = precision == RidgePrecision.Double ? 1e-6 : 5e-6;
        var expected = memory.Predict(fixture.XTest);
        var fromDisk = streamed.Predict(test);
        RidgeAssert.ColumnsClose(expected, fromDisk, scales, predictionTolerance, "prediction from disk");
        RidgeAssert.ColumnsClose(expected, streamed.Predict(fixture.XTest), scales, predictionTolerance, "prediction from memory");
        AssertScoresAgree(fixture.YTest, expected, fromDisk);
        Assert.NotNull(test.OnDisk);
        // b = ȳ − x̄·W cancels large terms when the features' means are large: compared relative to its own size too.
        for (int j = 0; j < memory.Targets; j++)
            Assert.True(Math.Abs(memory.Intercept[j] - streamed.Intercept[j]) <= 4 * predictionTolerance * Math.Max(scales[j], Math.Abs(memory.Intercept[j])),
                $"intercept {j}: {memory.Intercept[j]} vs {streamed.Intercept[j]}");
        double tolerance = precision == RidgePrecision.Double ? 1e-10 : 1e-5;
        var a = memory.Solution.LooMeanSquaredErrors!;
        var b = streamed.Solution.LooMeanSquaredErrors!;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                Assert.True(Math.Abs(a[i, j] - b[i, j]) <= tolerance * a[i, j], $"LOO error [{i},{j}]: {a[i, j]} vs {b[i, j]}");
        var memoryCoef = memory.Coef;
        var streamedCoef = streamed.Coef;
        double coefScale = memoryCoef.Max(v => Math.Abs(v));
        for (int k = 0; k < memoryCoef.Length; k++)
            Assert.True(Math.Abs(memoryCoef[k] - streamedCoef[k]) <= 1e-5 * coefScale, $"coef {k}: {memoryCoef[k]} vs {streamedCoef[k]}");
        for (int c = 0; c < fixture.XTrain.Cols; c++)
            Assert.Equal(memory.Solution.FeatureMeans[c], streamed.Solution.FeatureMeans[c], 1e-6 * (1 + Math.Abs(memory.Solution.FeatureMeans[c])));
    }

    [Fact]
    public void A_float32_decomposition_chooses_the_same_alphas_and_predicts_as_the_float64_one()
    {
        var fixture = RidgeFixture.Load("wide");
        var exact = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, options: new RidgeSolverOptions(EigenPrecision: RidgeEigenPrecision.Double)).Fit(fixture.XTrain, fixture.YTrain);
        var single = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, options: new RidgeSolverOptions(EigenPrecision: RidgeEigenPrecision.Single)).Fit(OnDisk(fixture.XTrain, "single"), fixture.YTrain);

        Assert.Equal(exact.Alpha, single.Alpha);
        var expected = exact.Predict(fixture.XTest);
        var actual = single.Predict(fixture.XTest);
        RidgeAssert.ColumnsClose(expected, actual, fixture.TargetScales(), 2e-5, "prediction");
        AssertScoresAgree(fixture.YTest, expected, actual, 1e-5);
    }

    [Fact]
    public void Rows_picked_out_of_a_larger_file_are_the_rows_in_that_order()
    {
        var fixture = RidgeFixture.Load("wide");
        var x = fixture.XTrain;
        // The training rows, reversed, between test rows: the file a cross-validation fold reads from.
        var all = new float[(long)(x.Rows + fixture.XTest.Rows) * x.Cols];
        fixture.XTest.Data.CopyTo(all, 0);
        var order = Enumerable.Range(0, x.Rows).Reverse().ToArray();
        for (int i = 0; i < order.Length; i++) x.Row(order[i]).CopyTo(all.AsSpan((fixture.XTest.Rows + i) * x.Cols, x.Cols));
        string path = Path.Combine(_dir, "mixed.npy");
        NpyFile.WriteFloat32(path, all, [x.Rows + fixture.XTest.Rows, x.Cols]);
        // file row of training row r: XTest.Rows + (Rows − 1 − r)
        var rows = Enumerable.Range(0, x.Rows).Select(r => fixture.XTest.Rows + x.Rows - 1 - r).ToArray();
        var train = FeatureMatrix.OnFile(path, x.Rows + fixture.XTest.Rows, x.Cols, rows);

        var memory = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas).Fit(x, fixture.YTrain);
        var streamed = (RidgeLinearFit)new RidgeCvRegressor(fixture.Alphas, options: new RidgeSolverOptions(StreamBlockBytes: x.Rows * 11 * 4)).Fit(train, fixture.YTrain);

        Assert.Equal(memory.Alpha, streamed.Alpha);
        var expected = memory.Predict(fixture.XTest);
        var actual = streamed.Predict(fixture.XTest);
        RidgeAssert.ColumnsClose(expected, actual, fixture.TargetScales(), 5e-6, "prediction");
        AssertScoresAgree(fixture.YTest, expected, actual);
        Assert.Equal(x.Row(5).ToArray(), train.SelectRows([5]).Data);
    }

    static void AssertScoresAgree(double[,] targets, double[,] expected, double[,] actual, double tolerance = 1e-6)
    {
        var a = Scorers.Pearson(targets, expected, CompatMode.Fixed);
        var b = Scorers.Pearson(targets, actual, CompatMode.Fixed);
        for (int j = 0; j < a.Length; j++) Assert.True(Math.Abs(a[j] - b[j]) <= tolerance, $"test r of target {j}: {a[j]} vs {b[j]}");
    }

    [Fact]
    public void Cross_validated_metric_on_features_on_disk_scores_as_in_memory()
    {
        var fixture = RidgeFixture.Load("wide");
        var x = fixture.XTrain;
        string path = Path.Combine(_dir, "features.npy");
        NpyFile.WriteFloat32(path, x.Data, [x.Rows, x.Cols]);
        var metric = new RegressionMetric("ridge", new RidgeCvRegressor(fixture.Alphas));
        var inMemory = metric.Score(new MetricInputs(new FeatureTensor(x.Data, [x.Rows, x.Cols]), fixture.YTrain));
        var onDisk = FeatureTensor.OnDisk(path, [x.Rows, x.Cols]);
        var streamed = metric.Score(new MetricInputs(onDisk, fixture.YTrain));

        Assert.True(onDisk.IsOnDisk); // each fold read its rows from the file
        var expected = inMemory["raw_pearson"].Data;
        var actual = streamed["raw_pearson"].Data;
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6);
    }

    [Fact]
    public void A_nan_in_the_file_is_refused_naming_the_file_and_column()
    {
        var fixture = RidgeFixture.Load("wide");
        var values = (float[])fixture.XTrain.Data.Clone();
        values[3 * fixture.XTrain.Cols + 17] = float.NaN;
        string path = Path.Combine(_dir, "nan.npy");
        NpyFile.WriteFloat32(path, values, [fixture.XTrain.Rows, fixture.XTrain.Cols]);
        var x = FeatureMatrix.OnFile(path, fixture.XTrain.Rows, fixture.XTrain.Cols);

        var e = Assert.Throws<ArgumentException>(() => new RidgeCvRegressor(fixture.Alphas).Fit(x, fixture.YTrain));
        Assert.Contains(path, e.Message);
        Assert.Contains("column 17", e.Message);
    }
}
