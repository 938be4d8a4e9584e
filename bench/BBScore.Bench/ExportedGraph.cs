using System.Diagnostics;
using System.Globalization;

namespace BBScore.Bench;

/// <summary>A network that a bench/reference script defines in PyTorch (seeded random weights) and exports to ONNX, so
/// that a PyTorch reference can run the very same network: the TimeSformer-shaped clip graph (bmd-clips) and the
/// GPT-2-shaped decoder (lebel-tr-text). Written once per machine into the bench cache; exported on first use.</summary>
public sealed record ExportedGraph(string Script, string CacheFolder, string Label)
{
    public static ExportedGraph Timesformer { get; } = new("bench/reference/make_timesformer_onnx.py", "timesformer", "TimeSformer-shaped clip graph");

    public static ExportedGraph Gpt2 { get; } = new("bench/reference/make_gpt2_onnx.py", "gpt2", "GPT-2-shaped decoder");

    /// <summary>Where the script writes the graph of <paramref name="depth"/> blocks by default.</summary>
    public string DefaultPath(int depth) => Path.Combine(BmdClipCorpus.DefaultCacheRoot, $"{CacheFolder}-depth{depth}", "model.onnx");

    /// <summary>The graph at <paramref name="path"/>, exported first when absent (the script writes it atomically).</summary>
    public string Ensure(string path, int depth, string python)
    {
        if (File.Exists(path)) return path;
        string command = $"{python} {Script} --depth {depth} --out {path}";
        string script = FindScript() ?? throw new FileNotFoundException(
            $"No {Label} at {path}, and {Script} was not found above {AppContext.BaseDirectory}; run from the repository: {command}");
        Console.Error.WriteLine($"exporting the {Label}: {command}");
        // The script's own output goes to stderr: stdout carries only the bench's JSON lines.
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in new[] { script, "--depth", depth.ToString(CultureInfo.InvariantCulture), "--out", path })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{python}' could not be started.");
        Console.Error.Write(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(path))
            throw new InvalidOperationException($"Exporting the {Label} failed (exit code {process.ExitCode}); it needs python3-torch: {command}");
        return path;
    }

    /// <summary>The script in the checkout this bench was built from (the binary sits below bench/BBScore.Bench/bin).</summary>
    string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, Script);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
