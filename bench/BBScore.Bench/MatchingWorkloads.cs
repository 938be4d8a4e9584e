using System.Diagnostics;
using System.Text.Json;
using BBScore.Numerics;
using BBScore.Numerics.Assignment;
using BBScore.Numerics.Transport;

namespace BBScore.Bench;

/// <summary>The matching metrics' solvers on bench/reference/matching_reference.py's recipe: Hungarian
/// (linear_sum_assignment, maximise) on a 512 × 512 uniform(0,1) matrix, and Sinkhorn (uniform marginals,
/// stopThr 1e-9, up to 100 000 iterations) on a 1024 × 1024 correlation-distance cost (1 − r between
/// the columns of two 200 × 1024 Gaussian matrices sharing a 64-dimensional signal) for each reg.
/// Usage: <c>matching [--size 512] [--ot-size 1024] [--regs 0.01,0.1] [--repeats 3] [--seed 0]</c>.
/// Prints one JSON line per solver and setting. Inputs come from a seeded System.Random, so
/// they follow the same recipe as the Python reference, not its exact numbers.</summary>
public static class MatchingWorkloads
{
    public static int Run(string[] args)
    {
        int size = int.Parse(Workloads.Option(args, "--size", "512"));
        int otSize = int.Parse(Workloads.Option(args, "--ot-size", "1024"));
        int repeats = int.Parse(Workloads.Option(args, "--repeats", "3"));
        int seed = int.Parse(Workloads.Option(args, "--seed", "0"));
        double[] regs = Workloads.Option(args, "--regs", "0.01,0.1").Split(',').Select(double.Parse).ToArray();
        TorchRuntime.EnsureLoaded();
        var random = new Random(seed);

        var cost = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) cost[i, j] = random.NextDouble();
        LinearSumAssignment.Solve(new double[4, 4]); // JIT outside the timing
        double total = 0;
        var times = Time(repeats, () => total = LinearSumAssignment.Solve(cost, maximize: true).Total(cost));
        Print(new { solver = "linear_sum_assignment", tool = "bbscore", n = size, m = size, maximize = true, times_s = times, min_s = times.Min(), total });

        var otCost = CorrelationCost(otSize, random);
        var uniform = Enumerable.Repeat(1.0 / otSize, otSize).ToArray();
        foreach (double reg in regs)
        {
            SinkhornResult? result = null;
            var otTimes = Time(repeats, () => result = Sinkhorn.Solve(uniform, uniform, otCost, reg, 100_000));
            Print(new
            {
                solver = "sinkhorn", tool = "bbscore", n = otSize, m = otSize, reg, times_s = otTimes, min_s = otTimes.Min(),
                iterations = result!.Iterations, converged = result.Converged, marginal_error = result.MarginalError,
                threads = TorchSharp.torch.get_num_threads(),
            });
        }
        return 0;
    }

    /// <summary>1 − Pearson r between the columns of two n × size matrices X = S·A + E, Y = S·B + E'.</summary>
    static double[,] CorrelationCost(int size, Random random)
    {
        const int rows = 200, latent = 64;
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var signal = new double[rows, latent];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < latent; k++) signal[r, k] = Normal();
        double[,] Mix()
        {
            var weights = new double[latent, size];
            for (int k = 0; k < latent; k++)
                for (int c = 0; c < size; c++) weights[k, c] = Normal() / Math.Sqrt(latent);
            var m = new double[rows, size];
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < size; c++)
                {
                    double v = Normal();
                    for (int k = 0; k < latent; k++) v += signal[r, k] * weights[k, c];
                    m[r, c] = v;
                }
            return m;
        }
        var correlations = Numerics.Correlation.PearsonMatrix.BetweenColumns(Mix(), Mix());
        var cost = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) cost[i, j] = Math.Clamp(1 - correlations[i, j], 0, 2);
        return cost;
    }

    static double[] Time(int repeats, Action work)
    {
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            times[i] = Math.Round(clock.Elapsed.TotalSeconds, 4);
        }
        return times;
    }

    static void Print(object record) => Console.WriteLine(JsonSerializer.Serialize(record));
}
