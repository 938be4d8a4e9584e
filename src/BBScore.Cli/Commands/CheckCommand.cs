using System.CommandLine;
using BBScore.Numerics;
using Microsoft.ML.OnnxRuntime;

namespace BBScore.Cli.Commands;

/// <summary>`bbscore check`: what this machine offers (cores, memory, disk) and whether every engine
/// loads (TorchSharp, ONNX Runtime, ffmpeg). Exit code 1 when an engine the pipeline needs fails.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("check", "Check this machine: cores, memory, disk, TorchSharp, ONNX Runtime, ffmpeg.");
        command.SetAction(_ => context.Guard(() =>
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
            Probe(o, "ffmpeg", () => FindOnPath("ffmpeg") is { } path ? path : throw new FileNotFoundException(
                "not found (needed only for video benchmarks): apt-get install -y ffmpeg"));
            return ok ? 0 : 1;
        }));
        return command;
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
