using System.Diagnostics;
using System.Text.Json;
using BBScore.Formats;
using BBScore.Metrics.Online;
using BBScore.Metrics.Online.Readouts;
using BBScore.Metrics.Online.Regressor;
using BBScore.Metrics.Online.Schedules;
using BBScore.Metrics.Online.Streams;
using BBScore.Numerics.CrossValidation;

namespace BBScore.Bench;

/// <summary>Online read-out training steps per second on TVSD-shaped streams, the same recipe as
/// bench/reference/online_readouts_reference.py (PyTorch): the regressor (22,248 × 4,096 features → 1,024 targets, batch
/// 32, mse, L2 weight 0.1 outside the loss clamp, warmup_cosine, plain SGD; rows read from the .npy file and standardised every
/// step) and the transformer
/// classifier (8,000 × 16 × 768 → 40 classes, embed 256, 4 heads, depth 2, layer_norm, AdamW, batch 32). The arrays are
/// written once under --dir (seeded normals) and shared with the reference. Prints one JSON line per read-out.
/// Usage: <c>online-readouts [--part regressor|transformer|all] [--steps 200] [--warmup 10] [--dir /tmp/bbscore-online-bench]</c>.</summary>
public static class OnlineReadoutsWorkload
{
    public const string Help = "online read-out steps/s on TVSD-shaped streams: online-readouts [--part regressor|transformer|all] [--steps 200] [--dir D]";

    public static int Run(string[] args)
    {
        string part = Workloads.Option(args, "--part", "all");
        int steps = int.Parse(Workloads.Option(args, "--steps", "200"));
        int warmup = int.Parse(Workloads.Option(args, "--warmup", "10"));
        string dir = Workloads.Option(args, "--dir", "/tmp/bbscore-online-bench");
        Directory.CreateDirectory(dir);
        if (part is "regressor" or "all") Regressor(dir, steps, warmup);
        if (part is "transformer" or "all") Transformer(dir, steps, warmup);
        return 0;
    }

    static void Regressor(string dir, int steps, int warmup)
    {
        const int rows = 22_248, features = 4_096, targets = 1_024, batch = 32;
        string x = Ensure(dir, "regressor_x.npy", rows, [features], seed: 1);
        string y = Ensure(dir, "regressor_y.npy", rows, [targets], seed: 2);
        using var xs = new NpyRowSource(x);
        using var ys = new NpyRowSource(y);
        var all = Enumerable.Range(0, rows).ToArray();
        var clock = Stopwatch.StartNew();
        var batches = StandardisedBatches.Measure(xs, ys, all, 256);
        double statsSeconds = clock.Elapsed.TotalSeconds;
        using var readout = LinearReadoutStep.Initialised(features, targets, "mse", 0.5, new SeededRandom(42));
        var schedule = OnlineSchedule.Create("warmup_cosine", 1e-3, rows / batch, 100);
        int[] order = OnlineSplit.EpochOrder(all, 42, 1);
        var xb = new float[batch * features];
        var yb = new float[batch * targets];
        void Step(int s)
        {
            var chunk = order.AsSpan(s * batch % (rows - batch), batch);
            batches.ReadFeatures(xs, chunk, xb);
            batches.ReadLabels(ys, chunk, yb);
            readout.Step(xb, yb, batch, schedule.LearningRate, 0.1);
            schedule.AfterBatch();
        }
        for (int s = 0; s < warmup; s++) Step(s);
        clock.Restart();
        for (int s = warmup; s < warmup + steps; s++) Step(s);
        double seconds = clock.Elapsed.TotalSeconds;
        Print(new { readout = "online_linear_regressor", tool = "bbscore", rows, features, targets, batch, steps, seconds, steps_per_s = steps / seconds,
                    stats_pass_s = statsSeconds, threads = TorchSharp.torch.get_num_threads() });
    }

    static void Transformer(string dir, int steps, int warmup)
    {
        const int rows = 8_000, time = 16, features = 768, classes = 40, batch = 32;
        string x = Ensure(dir, "transformer_x.npy", rows, [time, features], seed: 3);
        using var xs = new NpyRowSource(x);
        var labels = Enumerable.Range(0, rows).Select(i => i * 7919 % classes).ToArray();
        using var readout = ClassifierReadout.Create("transformer", features, time, classes, new ReadoutSettings { EmbedDim = 256, NumHeads = 4, Depth = 2 });
        var schedule = OnlineSchedule.Create("wsd", 1e-3, rows / batch, 50);
        int[] order = OnlineSplit.EpochOrder(Enumerable.Range(0, rows).ToArray(), 42, 1);
        var xb = new float[batch * time * features];
        var yb = new int[batch];
        void Step(int s)
        {
            var chunk = order.AsSpan(s * batch % (rows - batch), batch);
            xs.ReadRows(chunk, xb);
            for (int i = 0; i < batch; i++) yb[i] = labels[chunk[i]];
            readout.TrainStep(xb, batch, yb, schedule.LearningRate);
            schedule.AfterBatch();
        }
        for (int s = 0; s < warmup; s++) Step(s);
        var clock = Stopwatch.StartNew();
        for (int s = warmup; s < warmup + steps; s++) Step(s);
        double seconds = clock.Elapsed.TotalSeconds;
        Print(new { readout = "online_transformer_classifier", tool = "bbscore", rows, time, features, classes, batch, steps, seconds, steps_per_s = steps / seconds,
                    threads = TorchSharp.torch.get_num_threads() });
    }

    /// <summary>Writes a (rows, ...) float32 array of seeded standard normals once; the reference reads the same file.</summary>
    static string Ensure(string dir, string name, int rows, int[] unit, int seed)
    {
        string path = Path.Combine(dir, name);
        if (File.Exists(path)) return path;
        int width = unit.Aggregate(1, (a, d) => a * d);
        var random = new Random(seed);
        using var writer = new NpyStreamWriter(path, [rows, .. unit]); // renamed into place only when complete
        var row = new float[width];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++) row[c] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            writer.WriteRows(row);
        }
        writer.Complete();
        return path;
    }

    static void Print(object value) => Console.WriteLine(JsonSerializer.Serialize(value));
}
