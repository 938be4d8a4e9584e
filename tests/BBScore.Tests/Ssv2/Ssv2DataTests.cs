using BBScore.Benchmarks;
using BBScore.Cli;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Ssv2;
using BBScore.Progress;
using BBScore.Stimuli;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Ssv2;

/// <summary>The pruned SSV2 benchmarks against the fixture bucket: download and unpacking at the original's paths, the
/// 40-class remap with skipped rows counted, 48-frame sampling, the augmented per-epoch training set, and the catalog.</summary>
public sealed class Ssv2DataTests
{
    sealed class Recorder : IProgressSink
    {
        public List<string> Warnings { get; } = [];
        public void Info(string message) { }
        public void Warn(string message) => Warnings.Add(message);
        public T Track<T>(string label, long total, Func<Action<long>, T> work) => work(_ => { });
    }

    [Fact]
    public void Downloads_from_the_bucket_paths_remaps_classes_and_skips_what_the_original_skips()
    {
        using var dir = new TempDir();
        using var fixture = new Ssv2Fixture();
        var home = new DataHome(dir.Path);
        var progress = new Recorder();
        var data = Ssv2Benchmarks.Load(home, augmented: false, progress, fixture.Gcs, DownloaderTests.FastOptions);
        foreach (string file in Ssv2Fixture.Files) Assert.Equal(1, fixture.Server.Count(Ssv2Fixture.Prefix + file));
        string root = Path.Combine(home.DatasetsDir, "SSV2Pruned");
        Assert.True(File.Exists(Path.Combine(root, "videos", "ssv2_train_videos", "101.webm")));
        Assert.True(File.Exists(Path.Combine(root, "videos", "ssv2_test_videos", "201.webm")));

        foreach (var (split, stimuli, targets) in new[] { ("train", data.TrainStimuli, data.TrainTargets), ("test", data.TestStimuli!, data.TestTargets!) })
        {
            var expected = Ssv2Fixture.Expected[split]!;
            var kept = expected["kept"]!.AsArray();
            Assert.Equal(kept.Select(k => (string)k!["filename"]!), stimuli.Ids);
            Assert.Equal(kept.Select(k => (double)(int)k!["class"]!), Enumerable.Range(0, stimuli.Count).Select(i => targets[i, 0]));
            Assert.Equal(1, targets.GetLength(1));
            var set = Assert.IsType<Ssv2StimulusSet>(stimuli);
            Assert.Equal(((int)expected["skippedClass"]!, (int)expected["skippedMissing"]!), (set.Split.SkippedClass, set.Split.SkippedMissing));
        }
        // 173 is the last of the 40 original ids; 7 and 999 are not among them; 107.webm is listed but not in the zip.
        Assert.Equal([0, 39, 7, 0, 39], data.StratifyLabels!);
        Assert.Equal(40, data.NumClasses);
        Assert.Null(data.AugmentedTrainStimuli);
        // Skips are reported once per split, with their counts.
        Assert.Equal(["SSV2PrunedStimulusTrainSet: skipped 2 row(s) of classes outside the 40 and 1 row(s) whose clip is missing from " +
                      Path.Combine(root, "videos/ssv2_train_videos") + ".",
                      "SSV2PrunedStimulusTestSet: skipped 1 row(s) of classes outside the 40 and 0 row(s) whose clip is missing from " +
                      Path.Combine(root, "videos/ssv2_test_videos") + "."], progress.Warnings);

        // Offline, everything is local: no more requests.
        int requests = fixture.Server.Requests.Count;
        Ssv2Benchmarks.Load(home, augmented: false, SilentProgress.Instance, fixture.Gcs, DownloaderTests.FastOptions, offline: true);
        Assert.Equal(requests, fixture.Server.Requests.Count);
    }

    [Fact]
    public void Clips_decode_to_48_frames_at_12_fps()
    {
        using var dir = new TempDir();
        using var fixture = new Ssv2Fixture();
        var data = Ssv2Benchmarks.Load(new DataHome(dir.Path), augmented: true, SilentProgress.Instance, fixture.Gcs, DownloaderTests.FastOptions);
        var clip = Assert.IsType<VideoStimulus>(data.TrainStimuli.Load(0)); // 101.webm: 24 fps, 1 s -> 12 frames, padded
        Assert.Equal((48, 12.0), (clip.Frames.Count, clip.Fps));
        Assert.All(clip.Frames.Skip(11), f => Assert.Same(clip.Frames[11], f));
        Assert.NotEqual(clip.Frames[0].Pixels, clip.Frames[11].Pixels);

        var augmented = data.AugmentedTrainStimuli!(1);
        Assert.Equal(data.TrainStimuli.Ids, augmented.Ids);
        var first = (VideoStimulus)augmented.Load(1);
        Assert.Equal(48, first.Frames.Count);
        Assert.Equal(first.Frames.Select(f => f.Pixels), ((VideoStimulus)data.AugmentedTrainStimuli(1).Load(1)).Frames.Select(f => f.Pixels));
        Assert.NotEqual(augmented.ContentHash, data.AugmentedTrainStimuli(2).ContentHash);
    }

    [Theory]
    [InlineData(24, 30, 2, new[] { 0, 2, 4, 6 })]          // round(24/12) = 2; 15 kept, the 15th (28) repeated
    [InlineData(30, 150, 2, new[] { 0, 2, 4, 6 })]         // round(2.5) = 2 (halves to even); 75 available, the first 48
    [InlineData(12, 100, 1, new[] { 0, 1, 2, 3 })]
    [InlineData(6, 5, 1, new[] { 0, 1, 2, 3 })]            // slower than 12 fps: every frame
    [InlineData(60, 500, 5, new[] { 0, 5, 10, 15 })]
    public void Frame_rule_takes_every_rounded_interval_first_48_last_repeated(double fps, int frames, int interval, int[] head)
    {
        var idx = Ssv2StimulusSet.Sampling.Indices(frames, fps);
        Assert.Equal(interval, Ssv2StimulusSet.Sampling.Interval(fps));
        Assert.Equal(48, idx.Length);
        Assert.Equal(head, idx.Take(4).ToArray());
        int available = (frames + interval - 1) / interval;
        Assert.Equal(Enumerable.Range(0, 48).Select(i => Math.Min(i, available - 1) * interval), idx);
    }

    [Fact]
    public void List_benchmarks_shows_both_and_their_aliases_which_resolve()
    {
        using var dir = new TempDir();
        var output = new StringWriter();
        Assert.Equal(0, BBScoreCli.Run(["list", "benchmarks"], output, new StringWriter(), new DataHome(dir.Path), SilentProgress.Instance));
        foreach (string name in new[] { "SSV2", "AugmentedSSV2", "SSV2Benchmark", "AugmentedSSV2Benchmark" })
            Assert.Contains(name, output.ToString());
        Assert.Equal("SSV2", BenchmarkCatalog.Resolve("SSV2Benchmark").Name);
        Assert.Equal("AugmentedSSV2", BenchmarkCatalog.Resolve("AugmentedSSV2Benchmark").Name);
        Assert.All(Ssv2Benchmarks.All, b => Assert.Equal(BenchmarkKind.Online, b.Kind));
    }
}
