using BBScore.Data;
using BBScore.Formats;
using BBScore.Tests.Support;

namespace BBScore.Tests.Inputs;

/// <summary>`bbscore run --stimuli` end to end with clips and sounds, through catalogue keys whose
/// "local export" is a tiny graph (<c>&lt;home&gt;/models/&lt;key&gt;/model.onnx</c>), so the card's input kind picks the feeder.</summary>
public class MediaRunTests
{
    static (int Code, string Out, string Err) Run(TempDir dir, params string[] args) => CliRun.Run(new DataHome(Path.Combine(dir.Path, "home")), args);

    static string ModelFolder(TempDir dir, string key) => Path.Combine(dir.Path, "home", "models", key);

    static string WriteTargets(TempDir dir, int rows)
    {
        string path = Path.Combine(dir.Path, "targets.npy");
        NpyFile.WriteFloat32(path, TestRdms.Responses(rows, 3, seed: 5), [rows, 3]);
        return path;
    }

    [Fact]
    public void RidgeOnAFolderOfClipsWithAClipModel()
    {
        using var dir = new TempDir();
        string models = ModelFolder(dir, "videomae_base");
        TinyMediaOnnx.WriteClipModel(models);
        // Frames squashed to the graph's 2x2, raw pixel values.
        File.WriteAllText(Path.Combine(models, "preprocessor_config.json"), TinyMediaOnnx.SquashedRawPixelsConfig);
        string clips = Path.Combine(dir.Path, "clips");
        for (int i = 0; i < 12; i++)
            VideoFileDecoderTests.WriteTestClip(clips, $"clip{i:D2}.mp4", seconds: 0.5 + 0.1 * i, fps: 25, seed: i % 2);

        var (code, output, error) = Run(dir, "run", "--model", "videomae_base", "--layer", "encoder.layer.0", "--batch-size", "5",
            "--stimuli", clips, "--targets", WriteTargets(dir, 12), "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("ridge on custom:clips (videomae_base)", output);
        Assert.Contains("clip of 4 frames at 6.25 fps", error + output);
    }

    [Fact]
    public void RidgeOnAFolderOfSoundsWithAWaveformModel()
    {
        using var dir = new TempDir();
        TinyMediaOnnx.WriteWaveformModel(ModelFolder(dir, "wav2vec2_base"));
        string sounds = Path.Combine(dir.Path, "sounds");
        Directory.CreateDirectory(sounds);
        for (int i = 0; i < 12; i++)
        {
            var bytes = new byte[800 * 2];
            for (int s = 0; s < 800; s++)
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(s * 2), (short)(8000 * Math.Sin(s * 0.01 * (i + 1)) + 500 * (s % (i + 2))));
            File.WriteAllBytes(Path.Combine(sounds, $"s{i:D2}.wav"), AudioFileDecoderTests.Wav(1, 1, 16000, 16, bytes));
        }

        var (code, output, error) = Run(dir, "run", "--model", "wav2vec2_base", "--layer", "encoder.proj", "--batch-size", "4",
            "--stimuli", sounds, "--targets", WriteTargets(dir, 12), "--metric", "ridge");

        Assert.True(code == 0, error);
        Assert.Contains("ridge on custom:sounds (wav2vec2_base)", output);
        Assert.Contains("zero mean unit variance per sound", error + output);
    }

    [Fact]
    public void SoundsGivenToAnImageModelFailWithAClearMessage()
    {
        using var dir = new TempDir();
        string sounds = Path.Combine(dir.Path, "sounds");
        Directory.CreateDirectory(sounds);
        for (int i = 0; i < 4; i++) File.WriteAllBytes(Path.Combine(sounds, $"s{i}.wav"), AudioFileDecoderTests.Wav(1, 1, 16000, 16, new byte[64]));

        var (code, _, error) = Run(dir, "run", "--model", "resnet18", "--layer", "layer4", "--stimuli", sounds,
            "--targets", WriteTargets(dir, 4), "--metric", "ridge");

        Assert.NotEqual(0, code);
        Assert.Contains("sound", error);
    }
}
