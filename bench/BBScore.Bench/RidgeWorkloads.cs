using System.Diagnostics;
using System.Text.Json;
using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Ridge;
using static TorchSharp.torch;

namespace BBScore.Bench;

/// <summary>RidgeCV (per-target alpha, exact LOO) on the shapes of /work/shared/bench/bench.py, for comparison
/// with its <c>np_loo</c> and <c>sk_ridgecv</c> tools. Usage:
/// <c>ridge --workload A|B|C [--targets T] [--ntrain N] [--repeats 3] [--precision mixed|double] [--seed 0] [--bootstrap N]</c>.
/// Prints one JSON line with the times of fit + test prediction + per-target Pearson r, and with
/// <c>--bootstrap N</c> the time of the error bars' stimulus bootstrap on the test predictions (what a run adds).</summary>
public static class RidgeWorkloads
{
    // name: (n_train, n_test, n_features, n_targets), as bench.py's WORKLOADS
    static readonly Dictionary<string, (int Train, int Test, int Features, int Targets)> Shapes = new()
    {
        ["A"] = (900, 100, 25088, 5000),   // NSD-like: pool5-sized features, 1000 stimuli
        ["B"] = (22248, 100, 4096, 1024),  // TVSD-like: THINGS train images x 4096 features, 1024 electrodes
        ["C"] = (9000, 100, 3072, 20000),  // LeBel-like: TRs x (768 x 4 delays), voxels
    };

    public static int Run(string[] args)
    {
        string name = Workloads.Option(args, "--workload", "A").ToUpperInvariant();
        if (!Shapes.TryGetValue(name, out var shape))
        {
            Console.Error.WriteLine($"Unknown ridge workload '{name}'; use A, B or C.");
            return 2;
        }
        int targets = int.Parse(Workloads.Option(args, "--targets", shape.Targets.ToString()));
        int train = int.Parse(Workloads.Option(args, "--ntrain", shape.Train.ToString()));
        int repeats = int.Parse(Workloads.Option(args, "--repeats", "3"));
        int seed = int.Parse(Workloads.Option(args, "--seed", "0"));
        int bootstrap = int.Parse(Workloads.Option(args, "--bootstrap", "0"));
        var precision = Workloads.Option(args, "--precision", "mixed") == "double" ? RidgePrecision.Double : RidgePrecision.Mixed;

        TorchRuntime.EnsureLoaded();
        var (xTrain, xTest, yTrain, yTest) = MakeData(train, shape.Test, shape.Features, targets, seed);
        var regressor = new RidgeCvRegressor(RidgeAlphas.Default, options: new RidgeSolverOptions(precision));
        long generationPeak = PeakMemory.PeakMiB();
        bool peakReset = true;
        var peaks = new List<long>();
        long residentBefore = 0;

        var times = new List<double>();
        var bootstrapTimes = new List<double>();
        double[] r = [];
        RidgeLinearFit? fit = null;
        for (int i = 0; i < repeats; i++)
        {
            fit = null; // each repeat's peak: one fit and prediction with the inputs resident
            peakReset &= PeakMemory.Reset();
            residentBefore = PeakMemory.CurrentMiB();
            var clock = Stopwatch.StartNew();
            fit = (RidgeLinearFit)regressor.Fit(xTrain, yTrain);
            var predicted = fit.Predict(xTest);
            r = Scorers.Pearson(yTest, predicted);
            times.Add(clock.Elapsed.TotalSeconds);
            if (bootstrap > 0)
            {
                clock.Restart();
                BBScore.Numerics.Statistics.RegressionBootstrap.Sample([new(yTest, predicted)], null, false,
                    new BBScore.Numerics.Statistics.SeededResampler(bootstrap, seed, [shape.Test]));
                bootstrapTimes.Add(clock.Elapsed.TotalSeconds);
            }
            peaks.Add(PeakMemory.PeakMiB());
        }

        var histogram = fit!.Alpha!.GroupBy(a => a).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString("g"), g => g.Count());
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = name,
            tool = "bbscore_ridgecv",
            precision = precision.ToString().ToLowerInvariant(),
            shape = new { n_train = train, n_test = shape.Test, p = shape.Features, t = targets },
            threads = get_num_threads(),
            times_s = times.Select(t => Math.Round(t, 4)).ToArray(),
            min_s = Math.Round(times.Min(), 4),
            bootstrap_resamples = bootstrap,
            bootstrap_times_s = bootstrapTimes.Select(t => Math.Round(t, 4)).ToArray(),
            bootstrap_fraction_of_fit = bootstrapTimes.Count > 0 ? Math.Round(bootstrapTimes.Min() / times.Min(), 4) : (double?)null, // JSON has no NaN
            mean_test_r = r.Where(double.IsFinite).Select(v => (double?)v).DefaultIfEmpty(null).Average(),
            alpha_hist = histogram,
            refined_targets = fit.Solution.RefinedTargets,
            // Peak while fitting and predicting, with X and Y resident (the data generation's own peak is separate).
            peak_rss_MiB = peaks.Max(),
            peak_rss_scope = peakReset ? "fit+predict" : "whole process",
            rss_before_fit_MiB = residentBefore,
            generation_peak_rss_MiB = generationPeak,
            blas = BBScore.Numerics.Blas.MatrixProduct.UsesOpenBlas ? "openblas" : "libtorch",
        }));
        return 0;
    }

    /// <summary>bench.py's make_data in spirit: X ~ N(0,1), a rank-20 signal X·W·M with W ~ N(0,1/p), plus noise 2·N(0,1);
    /// float32, drawn from libtorch's generator seeded with <paramref name="seed"/> (not NumPy's numbers).</summary>
    static (FeatureMatrix XTrain, FeatureMatrix XTest, double[,] YTrain, double[,] YTest) MakeData(int train, int test, int features, int targets, int seed)
    {
        const int rank = 20;
        using var scope = NewDisposeScope();
        manual_seed(seed);
        int n = train + test;
        var x = randn(n, features);
        var w = randn(features, rank).div_(Math.Sqrt(features));
        var m = randn(rank, targets);
        var y = x.mm(w).mm(m).add_(randn(n, targets).mul_(2.0));
        return (Matrix(x.narrow(0, 0, train)), Matrix(x.narrow(0, train, test)),
                Doubles(y.narrow(0, 0, train)), Doubles(y.narrow(0, train, test)));
    }

    static FeatureMatrix Matrix(Tensor t) => new(t.contiguous().data<float>().ToArray(), (int)t.shape[0], (int)t.shape[1]);

    static double[,] Doubles(Tensor t)
    {
        var values = t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var result = new double[t.shape[0], t.shape[1]];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }
}
