using System.Text.Json;
using System.Text.Json.Nodes;
using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Datasets.LeBel;
using BBScore.Features;
using BBScore.Metrics;
using BBScore.Progress;
using BBScore.Stimuli;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using BBScore.Tests.Text;

namespace BBScore.Tests.LeBel;

/// <summary>The TR-level LeBel2023 benchmarks on the committed fixture served as OpenNeuro's bucket: every ridge and
/// temporal_rsa key against the generator's independent numpy/scikit-learn implementation of spec §3.7 on the same
/// features, what is fetched, the refusals, and the lecture's commands end to end with tiny models from the loopback hub.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class LeBelTrBenchmarkTests
{
    [Theory]
    [InlineData("UTS01", false, "UTS01_text")]
    [InlineData("UTS02", true, "UTS02_audio")]
    public void Every_key_matches_the_independent_reference_on_the_same_features(string subject, bool audio, string caseName)
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var expected = Case(caseName);

        var data = LeBelTrBenchmarks.Load(new DataHome(dir.Path), subject, audio, SilentProgress.Instance);

        var set = (ILeBelTrStimuli)data.TrainStimuli;
        var rows = expected.GetProperty("rows").EnumerateArray().Select(r => $"{r[0].GetString()}/{r[1].GetInt32()}").ToArray();
        Assert.Equal(rows, set.Ids); // which TRs have a stimulus: words heard (text), not silent (audio)
        var features = expected.GetProperty("features").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => (float)v.GetDouble())).ToArray();
        var inputs = new MetricInputs(new FeatureTensor(features, [rows.Length, features.Length / rows.Length]), data.TrainTargets);
        foreach (string metric in new[] { "ridge", "temporal_rsa" })
        {
            var scores = data.OwnMetric!(metric).Score(inputs);
            var reference = expected.GetProperty(metric == "ridge" ? "ridge" : "temporal_rsa");
            foreach (var key in reference.EnumerateObject())
                AssertClose(key.Value, scores[key.Name], $"{metric} {key.Name}");
            Assert.Equal(reference.EnumerateObject().Count(), scores.Count);
            Assert.Equal(expected.GetProperty("story_names").EnumerateArray().Select(e => e.GetString()),
                scores.Labels.Single(l => l.Key == "story_names").Value);
        }
    }

    [Fact]
    public void A_participant_fetches_its_own_runs_and_FreeSurfer_labels_only()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();

        LeBelTrBenchmarks.Load(new DataHome(dir.Path), "UTS01", audio: false, SilentProgress.Instance);

        var fetched = fixture.Bucket.Fetched.ToArray();
        Assert.DoesNotContain(fetched, k => k.Contains("/UTS02/", StringComparison.Ordinal));
        foreach (string file in LeBelSources.FreeSurferLabelFiles)
            Assert.Contains(LeBelSources.FreeSurferLabelPrefix("UTS01") + file, fetched);
        Assert.DoesNotContain(fetched, k => k.EndsWith(".wav", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bucket_with_the_first_versions_derivative_folder_is_read_too()
    {
        using var dir = new TempDir();
        string bucket = Path.Combine(dir.Path, "bucket");
        foreach (string file in Directory.GetFiles(Path.Combine(LeBelFixture.Root, "bucket"), "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(Path.Combine(LeBelFixture.Root, "bucket"), file).Replace("/derivatives/", "/derivative/");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(bucket, relative))!);
            File.Copy(file, Path.Combine(bucket, relative));
        }
        using var fixture = new LeBelFixture(bucket);

        var data = LeBelTrBenchmarks.Load(new DataHome(Path.Combine(dir.Path, "home")), "UTS01", audio: false, SilentProgress.Instance);

        Assert.Equal(Case("UTS01_text").GetProperty("rows").GetArrayLength(), data.TrainStimuli.Count);
        Assert.Contains(LeBelSources.FreeSurferLabelPrefix("UTS01", "derivative") + "lh.aparc.annot", fixture.Bucket.Fetched);
        Assert.DoesNotContain(fixture.Bucket.Fetched, k => k.Contains("/derivatives/", StringComparison.Ordinal));
    }

    [Fact]
    public void Cortex_labels_that_disagree_with_the_runs_voxels_are_refused_by_name()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var home = new DataHome(dir.Path);
        LeBelTrBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance);
        string label = LeBelSources.LocalPath(home, LeBelSources.FreeSurferLabelPrefix("UTS01") + "lh.cortex.label");
        // Another participant's label file (one vertex fewer), with the listed size unknown: it is read, not re-fetched.
        var lines = File.ReadAllLines(label).ToList();
        lines[1] = (int.Parse(lines[1]) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lines.RemoveAt(lines.Count - 1);
        File.WriteAllLines(label, lines);

        var error = Assert.Throws<InvalidDataException>(() => LeBelTrBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance));

        Assert.Contains("lh.cortex.label", error.Message);
        Assert.Contains("29 cortex vertices", error.Message);
        Assert.Contains("30 voxels", error.Message);
    }

    [Fact]
    public void Other_metrics_are_refused_before_anything_is_downloaded()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var (code, _, error) = CliRun.Run(new DataHome(dir.Path), "run", "--model", "gpt2_small", "--layer", "transformer.h.11",
            "--benchmark", "LeBel2023TRUTS01", "--metric", "rsa");
        Assert.Equal(2, code);
        Assert.Contains("ridge, torch_ridge, temporal_rsa", error);
        Assert.Empty(fixture.Bucket.Fetched);
    }

    [Fact]
    public void Lecture_commands_gpt2_small_on_LeBel2023TRUTS01_ridge_then_temporal_rsa()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        using var hub = TinyModelHub.Gpt2("openai-community/gpt2", block: 11);
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string[] command = ["run", "--model", "gpt2_small", "--layer", "transformer.h.11", "--benchmark", "LeBel2023TRUTS01", "--metric"];

        var (code, output, error) = CliRun.Run(home, [.. command, "ridge"]);

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson_ceiled)", output);
        var ridge = Stored(home, "ridge");
        var reference = Case("UTS01_text").GetProperty("ridge");
        foreach (var key in reference.EnumerateObject()) Assert.NotNull(Find(ridge["metrics"]!, key.Name)); // every key of the spec, stored
        Assert.Equal(11, ridge["labels"]!["story_names"]!.AsArray().Count);
        Assert.Equal(30, ridge["ceiling"]!.AsArray().Count); // every voxel's ceiling, and the mask among them

        var (again, rsaOutput, againError) = CliRun.Run(home, [.. command, "temporal_rsa"]);
        Assert.True(again == 0, againError);
        Assert.Contains("feature cache hit", againError);
        Assert.Contains("score (median_rsa_all)", rsaOutput);
        var rsa = Stored(home, "temporal_rsa");
        Assert.NotNull(rsa["metrics"]!["median_rsa_lang"]);
        Assert.Equal(Case("UTS01_text").GetProperty("temporal_rsa").GetProperty("n_rsa_stories").GetDouble(), rsa["metrics"]!["n_rsa_stories"]!.GetValue<double>());
    }

    [Fact]
    public void Lecture_command_gpt2_large_on_LeBel2023TRUTS02_reads_only_UTS02()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        using var hub = TinyModelHub.Gpt2("openai-community/gpt2-large", block: 35);
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        var (code, output, error) = CliRun.Run(home, "run", "--model", "gpt2_large", "--layer", "transformer.h.35", "--benchmark", "LeBel2023TRUTS02",
            "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson_ceiled)", output);
        Assert.DoesNotContain(fixture.Bucket.Fetched, k => k.Contains("/UTS01/", StringComparison.Ordinal));
        Assert.Equal(10, Stored(home, "ridge")["labels"]!["story_names"]!.AsArray().Count); // UTS02 did not hear "souls"
    }

    [Fact]
    public void Audio_TR_benchmark_runs_a_waveform_model_from_the_hub()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        using var hub = TinyModelHub.Hubert();
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        var (code, output, error) = CliRun.Run(home, "run", "--model", "hubert_base", "--layer", "encoder.proj", "--benchmark", "LeBel2023AudioTRUTS02",
            "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson_ceiled)", output);
        Assert.Equal(Case("UTS02_audio").GetProperty("ridge").GetProperty("total_trs").GetDouble(), Stored(home, "ridge")["metrics"]!["total_trs"]!.GetValue<double>());
    }

    [Fact]
    public void A_model_that_hears_a_fixed_length_gets_the_window_ending_at_each_TR()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var home = new DataHome(dir.Path);
        var plain = (LeBelTrAudioSet)LeBelTrBenchmarks.Load(home, "UTS02", audio: true, SilentProgress.Instance).TrainStimuli;
        var stories = LeBelFiles.Fetch(home, "UTS02", audio: true, regions: false, SilentProgress.Instance, offline: true).Stories;

        var windowed = new LeBelTrAudioSet(stories, "UTS02", contextSeconds: 3);

        var first = (AudioStimulus)windowed.Load(0);
        Assert.Equal(48_000, first.Samples.Length);
        Assert.All(first.Samples[..16_000], x => Assert.Equal(0f, x)); // 1 s before the story: zeros on the left
        Assert.Equal(((AudioStimulus)plain.Load(0)).Samples, first.Samples[16_000..]);
        // exorcism's TR 1 (2-4 s) is digital silence alone, not with the second before it.
        Assert.DoesNotContain("exorcism/1", plain.Ids);
        Assert.Contains("exorcism/1", windowed.Ids);
        Assert.NotEqual(plain.ContentHash, windowed.ContentHash);
    }

    [Fact]
    public void Whisper_from_the_hub_runs_the_audio_TR_benchmark_on_30_s_windows()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        using var hub = TinyModelHub.Whisper();
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        var (code, output, error) = CliRun.Run(home, "run", "--model", "whisper_tiny", "--layer", "encoder.proj", "--benchmark", "LeBel2023AudioTRUTS02",
            "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson_ceiled)", output);
        // exorcism's silent TR 1 is heard within its 30 s window: one more stimulus than the 2 s segments give.
        int segments = Case("UTS02_audio").GetProperty("rows").GetArrayLength();
        Assert.True(error.Contains($"{segments + 1} audio segments", StringComparison.Ordinal), error);
    }

    static JsonElement Case(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(LeBelFixture.Root, "expected.json"))).RootElement.GetProperty("tr_level").GetProperty(name);

    static JsonNode Stored(DataHome home, string metric) =>
        Directory.GetFiles(home.ResultsDir, "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!)
            .Single(n => n["metric"]!.GetValue<string>() == metric);

    /// <summary>A dotted key in the stored (nested) metrics object.</summary>
    static JsonNode? Find(JsonNode metrics, string key) =>
        key.Split('.').Aggregate((JsonNode?)metrics, (node, part) => node?[part]);

    static void AssertClose(JsonElement expected, ScoreValue actual, string what)
    {
        double[] want = expected.ValueKind == JsonValueKind.Array
            ? expected.EnumerateArray().Select(Number).ToArray()
            : [Number(expected)];
        Assert.True(want.Length == actual.Data.Length, $"{what}: {actual.Data.Length} values, expected {want.Length}");
        for (int i = 0; i < want.Length; i++)
        {
            if (double.IsNaN(want[i])) Assert.True(double.IsNaN(actual.Data[i]), $"{what}[{i}]: {actual.Data[i]}, expected NaN");
            else Assert.True(Math.Abs(want[i] - actual.Data[i]) <= 1e-6, $"{what}[{i}]: {actual.Data[i]}, expected {want[i]}");
        }
    }

    static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();
}
