using System.Diagnostics;
using System.Text.Json;
using BBScore.Formats;
using BBScore.Formats.Safetensors;
using BBScore.Models;
using BBScore.Models.Onnx;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Vit;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace BBScore.Bench;

/// <summary>ViT-B/16 and VideoMAE-B forward passes on the same random weights in the two runtimes a published-weight
/// key can use here: TorchSharp (the architecture written in C#, the Hugging Face safetensors loaded as the hub
/// family loads them) and ONNX Runtime (the graph exported from the PyTorch module, through the product's session
/// options), beside PyTorch's time from bench/reference/vit_runtimes_reference.py, which writes the files.
/// Each runtime's output for the reference's input is compared with PyTorch's, so all three compute one function.</summary>
public static class VitRuntimesWorkload
{
    public const string Help = "TorchSharp vs ONNX Runtime forward passes on the files of bench/reference/vit_runtimes_reference.py: " +
        "vit-runtimes --dir DIR [--threads 2] [--repeats 5]";

    public static int Run(string[] args)
    {
        string dir = Workloads.Option(args, "--dir", "");
        int threads = int.Parse(Workloads.Option(args, "--threads", "2"));
        int repeats = int.Parse(Workloads.Option(args, "--repeats", "5"));
        if (!Directory.Exists(dir))
        {
            Console.Error.WriteLine($"--dir {dir}: no such folder; write it with /usr/bin/python3 bench/reference/vit_runtimes_reference.py --out DIR");
            return 2;
        }
        set_num_threads(threads);
        foreach (string model in new[] { "vit_b16", "videomae_b" })
        {
            string folder = Path.Combine(dir, model);
            var (input, shape) = NpyFile.ReadFloat32(Path.Combine(folder, "input.npy"));
            var (expected, _) = NpyFile.ReadFloat32(Path.Combine(folder, "output.npy"));
            Report(model, "torchsharp", shape[0], threads, TimeTorchSharp(folder, input, shape, repeats, out float[] torchOutput), torchOutput, expected);
            Report(model, "onnxruntime", shape[0], threads, TimeOnnx(folder, input, shape, threads, repeats, out float[] onnxOutput), onnxOutput, expected);
        }
        return 0;
    }

    static double[] TimeTorchSharp(string folder, float[] input, int[] shape, int repeats, out float[] output)
    {
        string config = File.ReadAllText(Path.Combine(folder, "config.json"));
        string family = config.Contains("\"videomae\"", StringComparison.Ordinal) ? "VideoMAE" : "VisionTransformer";
        var architecture = HubArchitectures.For(family)!;
        using var network = SeededBuild.Construct(() => new VisionTransformer(HfVitConfig.Parse(config, folder)), seed: 0);
        using (var weights = SafetensorsFile.Open(Path.Combine(folder, "model.safetensors")))
            SafetensorsCheckpoint.LoadInto(network, [weights], architecture.Keys);
        network.eval();
        using var x = tensor(input, shape.Select(d => (long)d).ToArray());
        using var noGrad = no_grad();
        float[] result = [];
        var times = Timed(repeats, () =>
        {
            using var y = network.call(x);
            result = y.data<float>().ToArray();
        });
        output = result;
        return times;
    }

    static double[] TimeOnnx(string folder, float[] input, int[] shape, int threads, int repeats, out float[] output)
    {
        using var session = OnnxSessionFactory.Create(File.ReadAllBytes(Path.Combine(folder, "model.onnx")),
            new ModelOpenOptions { IntraOpThreads = threads }, folder);
        var feed = new[] { NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input, shape)) };
        float[] result = [];
        var times = Timed(repeats, () =>
        {
            using var outputs = session.Run(feed);
            result = outputs.First().AsTensor<float>().ToArray();
        });
        output = result;
        return times;
    }

    /// <summary>One warm-up run, then <paramref name="repeats"/> timed ones.</summary>
    static double[] Timed(int repeats, Action run)
    {
        run();
        return Enumerable.Range(0, repeats).Select(_ =>
        {
            long start = Stopwatch.GetTimestamp();
            run();
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }).ToArray();
    }

    static void Report(string model, string runtime, int batch, int threads, double[] times, float[] output, float[] expected)
    {
        double scale = expected.Max(v => Math.Abs(v));
        double diff = output.Length == expected.Length ? output.Zip(expected, (a, b) => Math.Abs(a - b)).Max() : double.NaN;
        double best = times.Min();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            workload = "vit-runtimes", runtime, model, batch, threads,
            seconds_per_batch = Math.Round(best, 4),
            median_seconds_per_batch = Math.Round(times.Order().ElementAt(times.Length / 2), 4),
            items_per_second = Math.Round(batch / best, 3),
            max_relative_difference_to_pytorch = diff / scale,
        }));
    }
}
