using System.Text.Json;
using BBScore.Data;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Ridge;

/// <summary>`bbscore run --stream-features`: ridge reads the cached features a block of columns at a time (here through the
/// ten cross-validation folds, each a row list over the cache's file) and stores the scores the in-memory run stores.</summary>
public class StreamedRunTests
{
    [Fact]
    public void Streamed_run_stores_the_in_memory_runs_scores()
    {
        using var dir = new TempDir();
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string folder = Path.Combine(dir.Path, "imgs");
        TestImages.WriteFolder(folder, 30);
        string targets = Path.Combine(dir.Path, "targets.npy");
        NpyFile.WriteFloat32(targets, TestRdms.Responses(30, 4, seed: 3), [30, 4]);
        string[] args = ["run", "--model", "resnet18", "--layer", "layer3", "--stimuli", folder, "--targets", targets, "--metric", "ridge", "--batch-size", "10"];

        var (code, _, error) = CliRun.Run(home, args);
        Assert.True(code == 0, error);
        var (streamedCode, streamedOutput, streamedError) = CliRun.Run(home, [.. args, "--stream-features"]);
        Assert.True(streamedCode == 0, streamedError);
        Assert.Contains("features streamed from the feature cache (--stream-features)", streamedOutput + streamedError);

        var results = Directory.GetFiles(home.ResultsDir, "*.json").Order(StringComparer.Ordinal)
            .Select(path => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("metrics").GetProperty("raw_pearson").Clone())
            .ToList();
        Assert.Equal(2, results.Count);
        var inMemory = Flatten(results[0]);
        var streamed = Flatten(results[1]);
        Assert.Equal(40, inMemory.Count); // 10 folds x 4 targets
        for (int i = 0; i < inMemory.Count; i++) Assert.True(Math.Abs(inMemory[i] - streamed[i]) <= 1e-6, $"raw r {i}: {inMemory[i]} vs {streamed[i]}");
    }

    static List<double> Flatten(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().SelectMany(Flatten).ToList()
        : [element.GetDouble()];
}
