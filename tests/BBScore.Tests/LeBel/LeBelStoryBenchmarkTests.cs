using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Datasets.LeBel;
using BBScore.Progress;
using BBScore.Stimuli;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using BBScore.Tests.Text;

namespace BBScore.Tests.LeBel;

/// <summary>The story-level LeBel2023 benchmarks on the committed fixture, served as OpenNeuro's bucket: what is
/// listed and fetched, the (stories, voxels) targets and ceiling against the generator's numpy values, and the
/// lecture's command end to end with a tiny GPT-2-shaped graph from the loopback hub.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class LeBelStoryBenchmarkTests
{
    [Theory]
    [InlineData("UTS01")]
    [InlineData("UTS02")]
    public void Targets_texts_and_ceiling_match_the_generator(string subject)
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var expected = LeBelFixture.Expected(subject);

        var data = LeBelBenchmarks.Load(new DataHome(dir.Path), subject, audio: false, SilentProgress.Instance);

        var stories = expected.GetProperty("stories").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(stories, data.TrainStimuli.Ids);
        var texts = expected.GetProperty("texts").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(texts, Enumerable.Range(0, data.TrainStimuli.Count).Select(i => ((TextStimulus)data.TrainStimuli.Load(i)).Text));
        var rows = expected.GetProperty("targets").EnumerateArray().Select(LeBelFixture.Doubles).ToArray();
        Assert.Equal(rows.Length, data.TrainTargets.GetLength(0));
        Assert.Equal(rows[0].Length, data.TrainTargets.GetLength(1));
        for (int s = 0; s < rows.Length; s++)
            for (int v = 0; v < rows[s].Length; v++)
                Assert.Equal(rows[s][v], data.TrainTargets[s, v], 1e-9);
        var ceiling = LeBelFixture.Doubles(expected.GetProperty("ceiling"));
        Assert.Equal(ceiling.Length, data.Ceiling!.Length);
        for (int v = 0; v < ceiling.Length; v++) Assert.Equal(ceiling[v], data.Ceiling[v], 1e-12);
        Assert.Null(data.TestStimuli); // cross-validated over stories
    }

    [Fact]
    public void A_participant_fetches_only_its_own_runs_and_the_stories_it_heard()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();

        var data = LeBelBenchmarks.Load(new DataHome(dir.Path), "UTS02", audio: true, SilentProgress.Instance);

        var fetched = fixture.Bucket.Fetched.ToArray();
        Assert.DoesNotContain(fetched, k => k.Contains("/UTS01/", StringComparison.Ordinal));
        Assert.Contains(fetched, k => k.Contains("/UTS02/", StringComparison.Ordinal));
        Assert.DoesNotContain(fetched, k => k.EndsWith("souls.wav", StringComparison.Ordinal)); // UTS02 did not hear it
        Assert.DoesNotContain(fetched, k => k.Contains(LeBelSources.LocalizerName, StringComparison.Ordinal));
        Assert.DoesNotContain(fetched, k => k.EndsWith(".TextGrid", StringComparison.Ordinal)); // audio needs no transcripts
        Assert.Equal(10, data.TrainStimuli.Count);
        var clip = (AudioStimulus)data.TrainStimuli.Load(0);
        Assert.Equal(LeBelAudioStorySet.SampleRate, clip.SampleRate); // 8 kHz in the file, resampled as the original does
    }

    [Fact]
    public void An_offline_run_uses_the_remembered_listing_and_names_what_is_missing()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using (new LeBelFixture())
        {
            var error = Assert.Throws<BBScore.Data.Download.DatasetUnavailableException>(() =>
                LeBelBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance, offline: true));
            Assert.Contains("Run once without --offline", error.Message);
            LeBelBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance);
        }
        // No servers now: the listing and the files are local. (The ceiling came from a mirror, so it is still named as the
        // ceiling's source: the published file's pin would not match the fixture's.)
        using var mirror = new EnvironmentVariableScope((LeBelSources.CeilingUrlVariable, "http://127.0.0.1:9/unused.npz"));
        var data = LeBelBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance, offline: true);
        Assert.Equal(11, data.TrainStimuli.Count);
        File.Delete(LeBelSources.LocalPath(home, LeBelSources.PreprocessedPrefix("UTS01") + "legacy.hf5"));
        var missing = Assert.Throws<BBScore.Data.Download.DatasetUnavailableException>(() =>
            LeBelBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance, offline: true));
        Assert.Contains("legacy.hf5", missing.Message);
    }

    [Fact]
    public void A_damaged_run_file_is_named_moved_aside_and_fetched_again()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        var home = new DataHome(dir.Path);
        LeBelBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance);
        string run = LeBelSources.LocalPath(home, LeBelSources.PreprocessedPrefix("UTS01") + "avatar.hf5");
        // Damaged in place with its listed size (a file of another size would simply be fetched again): it must be read to be caught.
        var bytes = File.ReadAllBytes(run);
        Array.Clear(bytes, 0, 64); // the HDF5 signature gone
        File.WriteAllBytes(run, bytes);

        var error = Assert.Throws<InvalidDataException>(() => LeBelBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance));
        Assert.Contains(run, error.Message);
        Assert.False(File.Exists(run));
        LeBelBenchmarks.Load(home, "UTS01", audio: false, SilentProgress.Instance); // fetched again
        Assert.True(File.Exists(run));
    }

    [Fact]
    public void Lecture_command_gpt2_small_transformer_h_11_on_LeBel2023()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        using var hub = TinyModelHub.Gpt2("openai-community/gpt2", block: 11);
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string[] command = ["run", "--model", "gpt2_small", "--layer", "transformer.h.11", "--benchmark", "LeBel2023", "--metric", "ridge"];

        var (code, output, error) = CliRun.Run(home, command);

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson)", output);
        string result = Directory.GetFiles(home.ResultsDir, "*.json").Single();
        var stored = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(result))!["ceiling"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var ceiling = LeBelFixture.Doubles(LeBelFixture.Expected("UTS01").GetProperty("ceiling"));
        Assert.Equal(ceiling.Length, stored.Length);
        for (int v = 0; v < ceiling.Length; v++) Assert.Equal(ceiling[v], stored[v], 1e-12);
        Assert.DoesNotContain(fixture.Bucket.Fetched, k => k.Contains("/UTS02/", StringComparison.Ordinal));

        var (again, _, againError) = CliRun.Run(home, command);
        Assert.True(again == 0, againError);
        Assert.Contains("feature cache hit", againError);
    }

    [Fact]
    public void The_audio_story_benchmark_runs_a_waveform_model_from_the_hub()
    {
        using var dir = new TempDir();
        using var fixture = new LeBelFixture();
        using var hub = TinyModelHub.Hubert();
        var home = new DataHome(Path.Combine(dir.Path, "home"));

        var (code, output, error) = CliRun.Run(home, "run", "--model", "hubert_base", "--layer", "encoder.proj", "--benchmark", "LeBel2023AudioUTS02",
            "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("score (final_pearson)", output);
        Assert.DoesNotContain(fixture.Bucket.Fetched, k => k.Contains("/UTS01/", StringComparison.Ordinal));
        Assert.Contains("LeBel2023AudioStimulusSet[UTS02]", error);
        Assert.Contains("UTS02 has no fMRI for 1 of the 11 stories (souls)", error); // a story without fMRI: named, left out
    }
}
