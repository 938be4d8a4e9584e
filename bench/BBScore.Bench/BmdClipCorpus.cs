using System.Globalization;
using BBScore.Datasets.Bmd;
using BBScore.Stimuli.Video;

namespace BBScore.Bench;

/// <summary>Synthetic stand-ins for the BOLD Moments clips: <c>0001.mp4</c> … <c>1102.mp4</c>, 3 s of 256×256 H.264 at
/// 30 fps (90 frames, so the BMD sampling keeps every 3rd), laid out as the extracted stimulus zip
/// (<c>stimulus_set/mp4_h264</c>) so that <see cref="BmdStimulusSet"/> reads them unchanged. Content: ffmpeg's moving
/// <c>testsrc2</c> pattern, hue-shifted per clip, under per-clip seeded temporal noise, about 1.2 Mbit/s: noise keeps
/// the encoder from predicting frames for free, so decoding costs what a detailed natural clip costs.</summary>
public static class BmdClipCorpus
{
    public const int Clips = BmdStimulusSet.TrainClips + BmdStimulusSet.TestClips;

    /// <summary>Source frames per clip (3 s at 30 fps): what the decoder produces before the sampling keeps 30.</summary>
    public const int SourceFrames = 90;

    /// <summary>Bump when the recipe changes: the folder name carries it, so old corpora are never mistaken for new.</summary>
    const string Recipe = "v1";

    /// <summary>The corpus root (the folder the stimulus zip would be extracted into), under <paramref name="cacheRoot"/>
    /// (default <c>$HOME/.cache/bbscore-bench</c>).</summary>
    public static string Root(string? cacheRoot) =>
        Path.Combine(cacheRoot ?? DefaultCacheRoot, $"bmd-clips-{Recipe}");

    public static string DefaultCacheRoot =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "bbscore-bench");

    /// <summary>Makes sure clips 1..<paramref name="count"/> exist, writing the missing ones (one per core, one encoder
    /// thread each: the clips are short, so whole encodes in parallel use the cores better than x264's threads).
    /// Returns the root. Each clip is encoded to a <c>.partial</c> name and renamed into place, so a cut run leaves
    /// only whole clips, and a later run writes the rest: "complete" means every one of the first N files exists.</summary>
    public static string Ensure(int count, string? cacheRoot)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Clips);
        string root = Root(cacheRoot), folder = Path.Combine(root, BmdStimulusSet.ClipsFolder);
        Directory.CreateDirectory(folder);
        var missing = Enumerable.Range(1, count).Where(i => !File.Exists(ClipPath(folder, i))).ToList();
        if (missing.Count == 0) return root;
        Console.Error.WriteLine($"bmd-clips: writing {missing.Count} synthetic clips to {folder} (once per machine)");
        Parallel.ForEach(missing, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => Write(folder, i));
        return root;
    }

    /// <summary>The first <paramref name="count"/> clips as the product loads them: the train split (0001 … 1000) and,
    /// past 1,000, the first clips of the test split, each sampled to 30 frames at 10 fps by the set itself.</summary>
    public static IReadOnlyList<BmdStimulusSet> Splits(string root, int count) =>
        count <= BmdStimulusSet.TrainClips
            ? [new BmdStimulusSet(root, train: true, count)]
            : [new BmdStimulusSet(root, train: true), new BmdStimulusSet(root, train: false, count - BmdStimulusSet.TrainClips)];

    static string ClipPath(string folder, int index) => Path.Combine(folder, index.ToString("D4", CultureInfo.InvariantCulture) + ".mp4");

    static void Write(string folder, int index)
    {
        string final = ClipPath(folder, index), partial = final + ".partial";
        string hue = (index * 37 % 360).ToString(CultureInfo.InvariantCulture), seed = index.ToString(CultureInfo.InvariantCulture);
        try
        {
            FfmpegTool.Run("ffmpeg",
            [
                "-v", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=256x256:rate=30:duration=3",
                "-vf", $"hue=h={hue},noise=alls=20:allf=t+u:all_seed={seed}",
                "-c:v", "libx264", "-preset", "fast", "-crf", "23", "-pix_fmt", "yuv420p", "-threads", "1",
                "-an", "-f", "mp4", partial,
            ], partial);
        }
        catch (InvalidDataException e)
        {
            // FfmpegTool words its failures for decoding; here ffmpeg was encoding (libx264 and lavfi are needed).
            throw new InvalidOperationException($"Writing the synthetic clip {final} failed; the ffmpeg build needs libx264 and lavfi. {e.Message}", e);
        }
        File.Move(partial, final, overwrite: true);
    }
}
