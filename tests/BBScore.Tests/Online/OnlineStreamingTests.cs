using BBScore.Features;
using BBScore.Formats;
using BBScore.Metrics;
using BBScore.Metrics.Online.Regressor;
using BBScore.Metrics.Online.Streams;
using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Online;

/// <summary>The online pipeline: features are extracted once however many epochs train on them (memory: OnlineMemoryTests),
/// and a planted linear problem trained through <c>bbscore score</c> reaches closed-form ridge's
/// test r (our RidgeRegressor, at scikit-learn parity in RidgeParityTests).</summary>
public sealed class OnlineStreamingTests
{
    static readonly RegressorSettings Quick = RegressorSettings.Default with { Epochs = 6, LearningRates = [0.05], WeightDecays = [0.0] };

    [Fact]
    public void A_multi_epoch_run_extracts_each_stimulus_once_and_streams_the_cache()
    {
        using var dir = new TempDir();
        var model = new FakeModel();
        var cache = new FeatureCache(dir.Path);
        var extractor = new FeatureExtractor(model, cache, SilentProgress.Instance);
        var stimuli = new CountingStimulusSet(40);
        var entry = extractor.EnsureCached(stimuli, ["a"], () => 8)[0];
        Assert.Equal(5, model.ForwardPasses); // 40 stimuli in batches of 8

        using var features = new NpyRowSource(entry.DataPath, entry.UnitShape);
        var targets = new double[40, 2];
        for (int i = 0; i < 40; i++) (targets[i, 0], targets[i, 1]) = (i, -0.5 * i);
        var data = OnlineData.Split(features, new MatrixRowSource(targets), null, null, null, seed: 42, CompatMode.Fixed);
        var scores = new OnlineLinearRegressor(Quick with { BatchSize = 8 }, SilentProgress.Instance).Score(data);
        var again = extractor.EnsureCached(stimuli, ["a"], () => 8)[0];

        Assert.Equal(6, scores["training_curve.loss"].Data.Length); // six epochs trained
        Assert.Equal(5, model.ForwardPasses); // ... on one extraction; asking again is a cache hit
        Assert.True(again.CacheHit);
    }

    [Fact]
    public void A_planted_linear_problem_reaches_closed_form_ridge_through_bbscore_score()
    {
        using var dir = new TempDir();
        var (x, y) = Planted(1_200, 40, 5, seed: 3);
        var (xt, yt) = Planted(300, 40, 5, seed: 4);
        string Save(string name, float[] data, int rows, int cols)
        {
            string path = Path.Combine(dir.Path, name);
            NpyFile.WriteFloat32(path, data, [rows, cols]);
            return path;
        }
        string[] args = ["score", "--metric", "online_linear_regressor", "--features", Save("x.npy", x, 1_200, 40), "--targets", Save("y.npy", y, 1_200, 5),
            "--test-features", Save("xt.npy", xt, 300, 40), "--test-targets", Save("yt.npy", yt, 300, 5), "--epochs", "40", "--lr", "0.05,0.01", "--wd", "0",
            "--output", Path.Combine(dir.Path, "scores.json")];

        var (code, output, error) = CliRun.Run(new BBScore.Data.DataHome(Path.Combine(dir.Path, "home")), args);

        Assert.True(code == 0, error);
        var stored = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "scores.json"))).RootElement.GetProperty("metrics");
        double online = stored.GetProperty("pearson_corr_median").GetDouble();
        double ridge = ClosedFormRidgeR(x, y, xt, yt);
        Assert.True(Math.Abs(online - ridge) <= 0.05, $"online r {online:F4}, closed-form ridge r {ridge:F4}");
        Assert.Contains("pearson_corr_median", output);
    }

    static (float[] X, float[] Y) Planted(int rows, int features, int outputs, int seed)
    {
        var random = new Random(seed);
        var weights = new Random(1).GetItems(Enumerable.Range(-20, 41).Select(v => v / 10.0).ToArray(), features * outputs);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var x = new float[rows * features];
        var y = new float[rows * outputs];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < features; f++) x[r * features + f] = (float)Gauss();
            for (int o = 0; o < outputs; o++)
            {
                double sum = 2.0 * Gauss();
                for (int f = 0; f < features; f++) sum += x[r * features + f] * weights[f * outputs + o];
                y[r * outputs + o] = (float)sum;
            }
        }
        return (x, y);
    }

    static double ClosedFormRidgeR(float[] x, float[] y, float[] xt, float[] yt)
    {
        int features = 40, outputs = 5;
        var train = new FeatureMatrix(x, x.Length / features, features);
        var targets = new double[y.Length / outputs, outputs];
        for (int i = 0; i < y.Length; i++) targets[i / outputs, i % outputs] = y[i];
        var fit = new RidgeRegressor(1.0).Fit(train, targets);
        var predicted = fit.Predict(new FeatureMatrix(xt, xt.Length / features, features));
        var r = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            var p = Enumerable.Range(0, xt.Length / features).Select(i => predicted[i, o]).ToArray();
            var t = Enumerable.Range(0, xt.Length / features).Select(i => (double)yt[i * outputs + o]).ToArray();
            r[o] = Pearson(p, t);
        }
        return NanStatistics.Median(r);
    }

    static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = a.Zip(b).Sum(p => (p.First - ma) * (p.Second - mb)), saa = a.Sum(v => (v - ma) * (v - ma)), sbb = b.Sum(v => (v - mb) * (v - mb));
        return sab / Math.Sqrt(saa * sbb);
    }
}
