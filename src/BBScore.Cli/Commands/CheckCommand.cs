using BBScore.Stimuli;
using System.CommandLine;
using BBScore.Benchmarks;
using BBScore.Features;
using BBScore.Metrics;
using BBScore.Models;
using BBScore.Numerics;
using BBScore.Pipeline.Preflight;
using BBScore.Progress;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore check`: what this machine offers (cores, memory, disk) and whether every engine
/// loads (TorchSharp, ONNX Runtime, ffmpeg). Exit code 1 when an engine the pipeline needs fails.
/// With <c>--benchmark</c> (and <c>--model</c>, <c>--layer</c>, <c>--metric</c>, …) it also estimates that run's peak
/// memory and feature-cache disk (see <see cref="RunPreflight"/>) and exits 1, with the fix, when it cannot fit.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var benchmark = new Option<string?>("--benchmark") { Description = "Also estimate the peak memory and disk of running this benchmark (with --model, --layer, --metric)." };
        var model = new Option<string?>("--model") { Description = "Model key for the estimate (see 'bbscore list models')." };
        var layer = new Option<string[]>("--layer") { Description = "Layer name(s) for the estimate.", AllowMultipleArgumentsPerToken = true };
        var metric = new Option<string[]>("--metric") { Description = "Metric key(s) for the estimate.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["ridge"] };
        var projection = new Option<string?>("--random-projection") { Description = "Estimate with a random projection to 1024 dims: dense or sparse." };
        var aggregation = new Option<string>("--aggregation-mode") { Description = "none, concatenate or stack, as for 'run'.", DefaultValueFactory = _ => "none" };
        aggregation.AcceptOnlyFromAmong("none", "concatenate", "stack");
        var memoryLimit = MemoryLimitOption.Create();
        var command = new Command("check", "Check this machine: cores, memory, disk, TorchSharp, ONNX Runtime, libjpeg-turbo, ffmpeg; with --benchmark, whether that run fits.")
        {
            benchmark, model, layer, metric, projection, aggregation, memoryLimit,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var o = context.Out;
            var gc = GC.GetGCMemoryInfo();
            o.WriteLine($"cores:        {Environment.ProcessorCount}");
            o.WriteLine($"memory:       {gc.TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB available to this process");
            Directory.CreateDirectory(context.Home.Root);
            var drive = new DriveInfo(context.Home.Root);
            o.WriteLine($"data home:    {context.Home.Root} ({drive.AvailableFreeSpace / (1024.0 * 1024 * 1024):F1} GiB free)");
            o.WriteLine($"results:      {context.Home.ResultsDir}");
            bool ok = true;
            ok &= Probe(o, "torchsharp", () =>
            {
                TorchRuntime.EnsureLoaded();
                using var a = TorchSharp.torch.ones(64, 64);
                using var product = a.matmul(a);
                double corner = product[0, 0].item<float>();
                if (corner != 64) throw new InvalidOperationException($"matmul check gave {corner}, expected 64");
                return TorchRuntime.Describe() + ", matmul ok";
            });
            Probe(o, "blas", () => BBScore.Numerics.Blas.MatrixProduct.UsesOpenBlas
                ? BBScore.Numerics.Blas.MatrixProduct.Describe()
                : BBScore.Numerics.Blas.MatrixProduct.Describe() + "; on AMD processors install OpenBLAS for ~2x faster ridge: apt-get install -y libopenblas0-pthread");
            ok &= Probe(o, "onnxruntime", () =>
                $"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, providers: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}");
            Probe(o, "jpeg", () => TurboJpegDecoder.IsAvailable
                ? "libjpeg-turbo (libturbojpeg.so.0): JPEG stimuli decode as Pillow decodes them"
                : throw new FileNotFoundException("libturbojpeg.so.0 not found; JPEGs decode with SkiaSharp instead, about 2.5x slower: apt-get install -y libturbojpeg0"));
            Probe(o, "ffmpeg", () => FindOnPath("ffmpeg") is { } path ? path : throw new FileNotFoundException(
                "not found (needed only for video benchmarks): apt-get install -y ffmpeg"));
            if (parse.GetValue(benchmark) is not { } benchmarkName) return ok ? 0 : 1;
            string? projectionText = parse.GetValue(projection);
            bool fits = Preflight(context, benchmarkName, parse.GetValue(model), parse.GetValue(layer) ?? [], parse.GetValue(metric) ?? ["ridge"],
                projectionText is null ? null : RandomProjection.Parse(projectionText), LayerAggregation.Parse(parse.GetValue(aggregation)!),
                MemoryLimitOption.Read(parse, memoryLimit));
            return ok && fits ? 0 : 1;
        }));
        return command;
    }

    /// <summary>Prints the run's estimate; false when it cannot fit.</summary>
    static bool Preflight(CliContext context, string benchmarkName, string? modelKey, string[] typedLayers, string[] metricKeys,
        ProjectionKind? projection, AggregationMode aggregation, string? memoryLimit)
    {
        var o = context.Out;
        var spec = BenchmarkCatalog.Resolve(benchmarkName);
        if (string.IsNullOrWhiteSpace(modelKey)) throw new ArgumentException("check --benchmark needs --model (see 'bbscore list models').");
        var layers = typedLayers.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        if (layers.Count == 0) throw new ArgumentException($"check --benchmark needs --layer (see 'bbscore layers {modelKey}').");
        var metrics = metricKeys.Select(k => MetricCatalog.Find(k).Key).ToList();
        (int Train, int Test, long Targets, int Frames) shape;
        string sizeSource;
        if (spec.Size is { } size)
        {
            shape = RunPreflight.Shape(size);
            sizeSource = "published size";
        }
        else
        {
            try
            {
                shape = RunPreflight.Shape(spec.LoadData(context.Home, SilentProgress.Instance, offline: true));
                sizeSource = "loaded data";
            }
            catch (Exception e) when (e is BBScore.Data.Download.DatasetUnavailableException or BBScore.Data.Download.DownloadException or IOException)
            {
                o.WriteLine($"preflight:    {spec.Name}: size unknown until its data are downloaded ({e.Message})");
                return true;
            }
        }
        // The command's data home holds the model's files (local exports, hub downloads), as for run and layers.
        using var opened = ModelCatalog.Open(modelKey, new ModelOpenOptions { Progress = context.Progress }, context.Home.ModelsDir);
        var canonical = layers.ToDictionary(l => l, opened.ResolveLayer);
        var estimate = RunPreflight.Estimate(new PreflightRequest(shape.Train, shape.Test, shape.Targets, RunPreflight.Layers(opened, canonical, shape.Frames),
            metrics, aggregation, projection), MachineResources.Detect(memoryLimit), context.Home.FeaturesDir);
        o.WriteLine($"preflight:    {spec.Name}, {modelKey} {string.Join(" ", layers)}, {string.Join(" ", metrics)} ({sizeSource})");
        foreach (string line in estimate.Describe()) o.WriteLine(line);
        return estimate.Fits;
    }

    static bool Probe(TextWriter o, string name, Func<string> probe)
    {
        try
        {
            o.WriteLine($"{name + ":",-13} {probe()}");
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            o.WriteLine($"{name + ":",-13} FAILED: {e.Message}");
            return false;
        }
    }

    static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
