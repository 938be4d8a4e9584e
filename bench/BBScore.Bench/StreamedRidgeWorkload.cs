using System.Diagnostics;
using System.Text.Json;
using BBScore.Formats;
using BBScore.Metrics.Regression;
using BBScore.Numerics;
using BBScore.Numerics.Ridge;
using static TorchSharp.torch;

namespace BBScore.Bench;

/// <summary>RidgeCV (per-target alpha, exact LOO) on TVSD-shaped features that stay in a float32 .npy file on disk, as a
/// run on the feature cache does when the features do not fit in memory: 22,248 training + 100 test stimuli × 200,704
/// features (resnet18's first stage) → 512 targets by default. The files are generated once per machine under --dir
/// (X ~ N(0, 1) with a rank-20 signal, as bench.py's make_data; ~18 GB at the default shape) and reused; with too little
/// free disk the workload says so and skips. Run it in a process of its own (after <c>--generate-only</c>) so that the
/// process's peak RSS is the fit's. <c>bench/reference/streamed_ridge_reference.py</c> is numpy on the same files.</summary>
public static class StreamedRidgeWorkload
{
    public const string Help = "RidgeCV on features streamed from a float32 .npy on disk (TVSD shape): streamed-ridge [--dir D] [--ntrain 22248] [--ntest 100] " +
                               "[--features 200704] [--targets 512] [--block-mib 512] [--eigen auto|single|double] [--generate-only] [--compare-in-memory] [--compare-eigen]";

    public static int Run(string[] args)
    {
        int train = int.Parse(Workloads.Option(args, "--ntrain", "22248"));
        int test = int.Parse(Workloads.Option(args, "--ntest", "100"));
        int features = int.Parse(Workloads.Option(args, "--features", "200704"));
        int targets = int.Parse(Workloads.Option(args, "--targets", "512"));
        int seed = int.Parse(Workloads.Option(args, "--seed", "0"));
        long blockBytes = (long)(double.Parse(Workloads.Option(args, "--block-mib", "512"), System.Globalization.CultureInfo.InvariantCulture) * (1 << 20));
        string dir = Workloads.Option(args, "--dir", Environment.GetEnvironmentVariable("BBSCORE_BENCH_DIR") ?? "/tmp/bbscore-streamed-ridge");
        var precision = Workloads.Option(args, "--precision", "mixed") == "double" ? RidgePrecision.Double : RidgePrecision.Mixed;
        var eigen = Workloads.Option(args, "--eigen", "auto") switch
        {
            "single" => RidgeEigenPrecision.Single,
            "double" => RidgeEigenPrecision.Double,
            _ => RidgeEigenPrecision.Auto,
        };

        TorchRuntime.EnsureLoaded();
        string stem = Path.Combine(dir, $"tvsd-{train}-{test}-{features}-{targets}-s{seed}");
        string xPath = stem + "-x.npy", yPath = stem + "-y.npy";
        long fileBytes = 128 + (long)(train + test) * features * 4;
        bool generated = false;
        var clock = Stopwatch.StartNew();
        if (!File.Exists(xPath) || !File.Exists(yPath))
        {
            Directory.CreateDirectory(dir);
            long free = new DriveInfo(Path.GetFullPath(dir)).AvailableFreeSpace;
            if (free < fileBytes + (1L << 30))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    workload = "streamed-ridge", skipped = true,
                    reason = $"the feature file needs {fileBytes / 1e9:F1} GB under {dir}, where {free / 1e9:F1} GB are free; point --dir (or BBSCORE_BENCH_DIR) at a larger disk",
                }));
                return 0;
            }
            Generate(xPath, yPath, train, test, features, targets, seed);
            generated = true;
        }
        double generationSeconds = clock.Elapsed.TotalSeconds;
        if (args.Contains("--generate-only"))
        {
            Console.WriteLine(JsonSerializer.Serialize(new { workload = "streamed-ridge", generated, generation_s = Math.Round(generationSeconds, 1), x = xPath, y = yPath, x_bytes = fileBytes }));
            return 0;
        }

        var (yValues, _) = NpyFile.ReadFloat64(yPath);
        var yTrain = Rows(yValues, 0, train, targets);
        var yTest = Rows(yValues, train, test, targets);
        int all = train + test;
        var xTrain = FeatureMatrix.OnFile(xPath, all, features, Enumerable.Range(0, train).ToArray());
        var xTest = FeatureMatrix.OnFile(xPath, all, features, Enumerable.Range(train, test).ToArray());
        var options = new RidgeSolverOptions(precision, StreamBlockBytes: blockBytes, EigenPrecision: eigen);
        bool peakReset = PeakMemory.Reset();
        long residentBefore = PeakMemory.CurrentMiB();

        clock.Restart();
        var fit = (RidgeLinearFit)new RidgeCvRegressor(RidgeAlphas.Default, options: options).Fit(xTrain, yTrain);
        double fitSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var predicted = fit.Predict(xTest);
        double predictSeconds = clock.Elapsed.TotalSeconds;
        var r = Scorers.Pearson(yTest, predicted);
        long peak = PeakMemory.PeakMiB();

        double? eigenDifference = null;
        int? eigenAlphaChanges = null;
        if (args.Contains("--compare-eigen"))
        {
            // The same streamed fit with the other decomposition precision: what float32 costs against float64.
            var other = options with { EigenPrecision = options.UsesSingleEigen(train) ? RidgeEigenPrecision.Double : RidgeEigenPrecision.Single };
            var otherFit = (RidgeLinearFit)new RidgeCvRegressor(RidgeAlphas.Default, options: other).Fit(xTrain, yTrain);
            var otherR = Scorers.Pearson(yTest, otherFit.Predict(xTest));
            eigenDifference = r.Zip(otherR, (a, b) => Math.Abs(a - b)).Max();
            eigenAlphaChanges = fit.Alpha!.Zip(otherFit.Alpha!, (a, b) => a == b ? 0 : 1).Sum();
        }

        double? inMemoryDifference = null;
        if (args.Contains("--compare-in-memory"))
        {
            // The same fit with the features in memory (small shapes only): the largest difference in test r.
            var memoryFit = new RidgeCvRegressor(RidgeAlphas.Default, options: options).Fit(Load(xTrain), yTrain);
            var memoryR = Scorers.Pearson(yTest, memoryFit.Predict(Load(xTest)));
            inMemoryDifference = r.Zip(memoryR, (a, b) => Math.Abs(a - b)).Max();
        }

        var histogram = fit.Alpha!.GroupBy(a => a).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString("g"), g => g.Count());
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = "streamed-ridge",
            tool = "bbscore_ridgecv_streamed",
            precision = precision.ToString().ToLowerInvariant(),
            eigen_precision = options.UsesSingleEigen(train) ? "float32" : "float64",
            shape = new { n_train = train, n_test = test, p = features, t = targets },
            x_bytes = fileBytes,
            block_mib = blockBytes / (double)(1 << 20),
            threads = get_num_threads(),
            seconds = Math.Round(fitSeconds + predictSeconds, 2),
            fit_s = Math.Round(fitSeconds, 2),
            predict_s = Math.Round(predictSeconds, 2),
            generated_in_this_process = generated,
            generation_s = generated ? Math.Round(generationSeconds, 1) : (double?)null,
            mean_test_r = r.Where(double.IsFinite).Select(v => (double?)v).DefaultIfEmpty(null).Average(),
            max_abs_r_difference_to_in_memory = inMemoryDifference,
            max_abs_r_difference_to_other_eigen_precision = eigenDifference,
            targets_with_another_alpha_in_other_eigen_precision = eigenAlphaChanges,
            alpha_hist = histogram,
            refined_targets = fit.Solution.RefinedTargets,
            peak_rss_MiB = peak,
            peak_rss_scope = peakReset ? "fit+predict" : "whole process",
            rss_before_fit_MiB = residentBefore,
            eigen = options.UsesSingleEigen(train)
                ? BBScore.Numerics.Blas.SymmetricEigen.UsesLapackSingle ? "ssyevd" : "libtorch eigh"
                : BBScore.Numerics.Blas.SymmetricEigen.UsesLapack ? "dsyevr" : "libtorch eigh",
            blas = BBScore.Numerics.Blas.MatrixProduct.UsesOpenBlas ? "openblas" : "libtorch",
        }));
        return 0;
    }

    /// <summary>X row blocks from libtorch's generator (one seed per block, so the file does not depend on the block
    /// count's memory), Y = X·W·M + 2·noise with W ~ N(0, 1/p) and M ~ N(0, 1), rank 20: bench.py's make_data in spirit.</summary>
    static void Generate(string xPath, string yPath, int train, int test, int features, int targets, int seed)
    {
        const int rank = 20, blockRows = 128;
        int all = train + test;
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var w = randn(features, rank).div_(Math.Sqrt(features));
        var m = randn(rank, targets);
        var signal = empty(all, rank);
        var rowValues = new float[(long)blockRows * features];
        using (var writer = new NpyStreamWriter(xPath, [all, features]))
        {
            for (int start = 0, block = 0; start < all; start += blockRows, block++)
            {
                using var inner = NewDisposeScope();
                int count = Math.Min(blockRows, all - start);
                manual_seed(seed * 1_000_003L + block + 1);
                var x = randn(count, features);
                signal.narrow(0, start, count).copy_(x.mm(w));
                x.data<float>().CopyTo(rowValues, 0);
                writer.WriteRows(rowValues.AsSpan(0, count * features));
            }
            writer.Complete();
        }
        manual_seed(seed + 7);
        var y = signal.mm(m).add_(randn(all, targets).mul_(2.0)).to_type(ScalarType.Float64).contiguous();
        NpyFile.WriteFloat64(yPath, y.data<double>().ToArray(), [all, targets]);
    }

    static double[,] Rows(double[] values, int start, int count, int columns)
    {
        var result = new double[count, columns];
        Buffer.BlockCopy(values, start * columns * sizeof(double), result, 0, count * columns * sizeof(double));
        return result;
    }

    static FeatureMatrix Load(FeatureMatrix onDisk) => new(onDisk.Data, onDisk.Rows, onDisk.Cols);
}
