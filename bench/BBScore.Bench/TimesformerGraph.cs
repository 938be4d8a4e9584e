using System.Diagnostics;

namespace BBScore.Bench;

/// <summary>The TimeSformer-shaped clip graph that bench/reference/make_timesformer_onnx.py exports (PyTorch, seeded
/// random weights, reduced depth). Written once per machine into the bench cache; generated on first use by running
/// that script, because the PyTorch reference must run the very same network and only PyTorch can define it.</summary>
public static class TimesformerGraph
{
    public const string Script = "bench/reference/make_timesformer_onnx.py";

    /// <summary>Where the script writes the graph of <paramref name="depth"/> blocks by default.</summary>
    public static string DefaultPath(int depth) =>
        Path.Combine(BmdClipCorpus.DefaultCacheRoot, $"timesformer-depth{depth}", "model.onnx");

    /// <summary>The graph at <paramref name="path"/>, exported first when absent (the script writes it atomically).</summary>
    public static string Ensure(string path, int depth, string python)
    {
        if (File.Exists(path)) return path;
        string command = $"{python} {Script} --depth {depth} --out {path}";
        string script = FindScript() ?? throw new FileNotFoundException(
            $"No clip graph at {path}, and {Script} was not found above {AppContext.BaseDirectory}; run from the repository: {command}");
        Console.Error.WriteLine($"bmd-clips: exporting the TimeSformer-shaped graph: {command}");
        // The script's own output goes to stderr: stdout carries only this bench's JSON lines.
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in new[] { script, "--depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{python}' could not be started.");
        Console.Error.Write(process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(path))
            throw new InvalidOperationException($"Exporting the clip graph failed (exit code {process.ExitCode}); it needs python3-torch: {command}");
        return path;
    }

    /// <summary>The script in the checkout this bench was built from (the binary sits below bench/BBScore.Bench/bin).</summary>
    static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, Script);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
