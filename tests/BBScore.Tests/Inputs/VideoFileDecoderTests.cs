using System.Diagnostics;
using BBScore.Stimuli.Video;
using BBScore.Tests.Support;

namespace BBScore.Tests.Inputs;

/// <summary>Clips decoded with the ffmpeg CLI (installed on developer machines and in CI).</summary>
public class VideoFileDecoderTests
{
    /// <summary>Runs ffmpeg quietly with the given arguments (overwriting outputs); fails the test on error.</summary>
    internal static void Ffmpeg(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["-v", "error", "-y", "-nostdin", .. arguments]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    /// <summary>A test-pattern clip: <paramref name="seconds"/> at <paramref name="fps"/>, 64x48.</summary>
    internal static string WriteTestClip(string folder, string name, double seconds = 1, int fps = 25, int seed = 0)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        string source = seed == 0 ? "testsrc" : "testsrc2";
        Ffmpeg("-f", "lavfi", "-i", $"{source}=duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}:size=64x48:rate={fps}",
            "-pix_fmt", "yuv420p", path);
        return path;
    }

    [Fact]
    public void ProbeAndDecodeGiveTheNativeFramesAndRate()
    {
        using var dir = new TempDir();
        string clip = WriteTestClip(dir.Path, "clip.mp4", seconds: 1, fps: 25);

        var info = VideoFileDecoder.Probe(clip);
        Assert.Equal((64, 48), (info.Width, info.Height));
        Assert.Equal(25, info.Fps, 6);
        Assert.Equal(1.0, info.DurationSeconds!.Value, 1);

        var decoded = VideoFileDecoder.Decode(clip);
        Assert.Equal(25, decoded.Frames.Count);
        Assert.Equal(25, decoded.Fps, 6);
        Assert.All(decoded.Frames, f => Assert.Equal((64, 48), (f.Width, f.Height)));
        Assert.NotEqual(decoded.Frames[0].Pixels, decoded.Frames[10].Pixels); // the test pattern moves
    }

    [Fact]
    public void FramesAreFfmpegsRgb24RawVideoByteForByte()
    {
        // Frames travel as PPM; the cached features' decoder description promises rawvideo rgb24 bytes.
        using var dir = new TempDir();
        string clip = WriteTestClip(dir.Path, "clip.mp4", seconds: 0.4, fps: 25, seed: 1);
        string raw = Path.Combine(dir.Path, "frames.rgb");
        Ffmpeg("-noautorotate", "-i", clip, "-vsync", "passthrough", "-an", "-pix_fmt", "rgb24", "-f", "rawvideo", raw);

        var decoded = VideoFileDecoder.Decode(clip);

        Assert.Equal(File.ReadAllBytes(raw), decoded.Frames.SelectMany(f => f.Pixels).ToArray());
    }

    [Fact]
    public void DecodingAtARequestedRateAndSizeResamplesInFfmpeg()
    {
        using var dir = new TempDir();
        string clip = WriteTestClip(dir.Path, "clip.webm", seconds: 2, fps: 30);

        var decoded = VideoFileDecoder.Decode(clip, fps: 10, size: (32, 16));

        Assert.Equal(20, decoded.Frames.Count);
        Assert.Equal(10, decoded.Fps);
        Assert.All(decoded.Frames, f => Assert.Equal((32, 16), (f.Width, f.Height)));
    }

    [Fact]
    public void ACorruptClipNamesTheFile()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "broken.mp4");
        File.WriteAllBytes(path, new byte[] { 0, 0, 0, 24, (byte)'f', (byte)'t', (byte)'y', (byte)'p', 1, 2, 3 });
        var error = Assert.Throws<InvalidDataException>(() => VideoFileDecoder.Decode(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void AMissingToolSaysHowToInstallFfmpeg()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FfmpegTool.Run("ffmpeg-not-installed-bbscore-test", ["-version"], "clip.mp4"));
        Assert.Contains("apt-get install ffmpeg", error.Message);
        Assert.Contains("clip.mp4", error.Message);
    }
}
