using System.Diagnostics;
using System.Text.Json;
using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Rdm;
using static TorchSharp.torch;

namespace BBScore.Bench;

/// <summary>RSA hot paths, for comparison with /work/shared/bench/bench.py workload D (<c>rsa_pdist</c>,
/// <c>rsa_corrcoef</c>, <c>rsa_f32gemm</c>) and bench/reference/rsa_reference.py. Usage:
/// <c>rsa [--part rdm|kendall|all] [--repeats 3] [--seed 0]</c>. Prints JSON lines:
/// <list type="bullet">
/// <item><c>rdm</c>: correlation RDMs of 1000 stimuli × 25088 float32 features and of 1000 × 5000 targets
/// (bench.py's D recipe: F ~ N(0,1), G = F[:, :5000] + 3·N(0,1); libtorch's generator, not NumPy's numbers), then
/// the five comparisons of the two 499,500-value condensed RDMs; plus the accuracy of a float32 GEMM RDM against
/// the float64 one (max |Δ| and the Spearman rho each gives), which is why RDMs are float64.</item>
/// <item><c>kendall</c>: tau-b and tau-a on 500,000-pair vectors.</item>
/// </list></summary>
public static class SimilarityRsaWorkloads
{
    const int Stimuli = 1000, Features = 25088, Targets = 5000, KendallPairs = 500_000;

    public static int Run(string[] args)
    {
        string part = Workloads.Option(args, "--part", "all");
        int repeats = int.Parse(Workloads.Option(args, "--repeats", "3"));
        int seed = int.Parse(Workloads.Option(args, "--seed", "0"));
        if (part is not ("rdm" or "kendall" or "all"))
        {
            Console.Error.WriteLine($"Unknown rsa part '{part}'; use rdm, kendall or all.");
            return 2;
        }
        TorchRuntime.EnsureLoaded();
        if (part is "rdm" or "all") RunRdm(repeats, seed);
        if (part is "kendall" or "all") RunKendall(repeats, seed);
        return 0;
    }

    static void RunRdm(int repeats, int seed)
    {
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var features = randn(Stimuli, Features);
        var targets = features.narrow(1, 0, Targets).add(randn(Stimuli, Targets).mul_(3.0));

        var modelTimes = new List<double>();
        var brainTimes = new List<double>();
        var compareTimes = new Dictionary<string, List<double>>();
        double[] model = [], brain = [], scores = [];
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            model = DissimilarityMatrix.Condensed(features);
            modelTimes.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            brain = DissimilarityMatrix.Condensed(targets);
            brainTimes.Add(clock.Elapsed.TotalSeconds);
            scores = new double[VectorComparison.All.Count];
            for (int m = 0; m < scores.Length; m++)
            {
                var method = VectorComparison.All[m];
                clock.Restart();
                scores[m] = VectorComparison.Compare(method, model, brain);
                string key = VectorComparison.Key(method);
                if (!compareTimes.TryGetValue(key, out var list)) compareTimes[key] = list = [];
                list.Add(clock.Elapsed.TotalSeconds);
            }
        }

        var f32Model = Float32CorrelationRdm(features);
        double maxError = model.Zip(f32Model).Max(p => Math.Abs(p.First - p.Second));
        double f32Spearman = VectorComparison.Compare(VectorComparisonMethod.Spearman, f32Model, brain);

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = "rsa_rdm",
            tool = "bbscore_rdm_f64gemm",
            shape = new { n_stim = Stimuli, p_feat = Features, p_target = Targets, pairs = model.Length },
            threads = get_num_threads(),
            model_rdm_s = Rounded(modelTimes),
            brain_rdm_s = Rounded(brainTimes),
            compare_s = compareTimes.ToDictionary(e => e.Key, e => Rounded(e.Value)),
            min_rdm_plus_spearman_s = Math.Round(Enumerable.Range(0, repeats).Min(r => modelTimes[r] + brainTimes[r] + compareTimes["spearman"][r]), 4),
            scores = VectorComparison.All.Select((m, i) => (VectorComparison.Key(m), scores[i])).ToDictionary(p => p.Item1, p => p.Item2),
            f32_gemm_max_abs_error = maxError,
            f32_gemm_spearman = f32Spearman,
            peak_rss_MiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
        }));
    }

    /// <summary>The float32 alternative (bench.py's rdm_f32): unit-norm centred rows, one float32 GEMM. Only to measure
    /// how far it is from the float64 RDM the library computes.</summary>
    static double[] Float32CorrelationRdm(Tensor features)
    {
        using var scope = NewDisposeScope();
        var z = features.sub(features.mean([1], keepdim: true));
        z.div_(linalg.vector_norm(z, 2, [1], keepdim: true));
        var square = z.mm(z.t()).neg_().add_(1.0).to_type(ScalarType.Float64);
        int n = (int)square.shape[0];
        var values = square.contiguous().data<double>().ToArray();
        var condensed = new double[CondensedRdm.Length(n)];
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) condensed[k++] = values[i * n + j];
        return condensed;
    }

    static void RunKendall(int repeats, int seed)
    {
        var random = new Random(seed);
        var x = new double[KendallPairs];
        var y = new double[KendallPairs];
        for (int i = 0; i < KendallPairs; i++)
        {
            x[i] = random.NextDouble();
            y[i] = x[i] + 2 * random.NextDouble();
        }
        KendallTau.TauB(x.AsSpan(0, 1000), y.AsSpan(0, 1000)); // JIT warm-up
        var tauBTimes = new List<double>();
        var tauATimes = new List<double>();
        double tauB = 0, tauA = 0;
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            tauB = KendallTau.TauB(x, y);
            tauBTimes.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            tauA = KendallTau.TauA(x, y);
            tauATimes.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = "rsa_kendall",
            tool = "bbscore_kendall_knight",
            n = KendallPairs,
            tau_b_s = Rounded(tauBTimes),
            tau_a_s = Rounded(tauATimes),
            min_tau_b_s = Math.Round(tauBTimes.Min(), 4),
            tau_b = tauB,
            tau_a = tauA,
        }));
    }

    static double[] Rounded(List<double> times) => times.Select(t => Math.Round(t, 4)).ToArray();
}
