using BBScore.Data;
using BBScore.Formats;
using BBScore.Tests.Inputs;
using BBScore.Tests.Support;
using BBScore.Tests.Text;

namespace BBScore.Tests.Models.Hub;

/// <summary>Clip, sound and text models as the hub serves them, under their real keys and repository
/// paths: the tiny graph is downloaded once, its layers listed by module path, and `bbscore run` scores a
/// folder of clips, sounds or texts with it.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HubInputKindsTests
{
    [Fact]
    public void A_clip_model_from_the_hub_lists_layers_and_scores_a_folder_of_clips()
    {
        using var dir = new TempDir();
        string clips = Path.Combine(dir.Path, "clips");
        for (int i = 0; i < 10; i++)
            VideoFileDecoderTests.WriteTestClip(clips, $"clip{i:D2}.mp4", seconds: 0.5 + 0.1 * i, fps: 25, seed: i % 3);
        // Frames squashed to the graph's 2x2, raw pixel values.
        var files = Repository(folder => TinyMediaOnnx.WriteClipModel(folder), "onnx/model.onnx",
            TinyMediaOnnx.SquashedRawPixelsConfig);

        RunKey(dir, "timesformer_base", "onnx-community/timesformer-base-finetuned-k400", files, "onnx/model.onnx", "encoder.layer.0", clips, 10);
    }

    [Fact]
    public void A_sound_model_from_the_hub_lists_layers_and_scores_a_folder_of_sounds()
    {
        using var dir = new TempDir();
        string sounds = Path.Combine(dir.Path, "sounds");
        Directory.CreateDirectory(sounds);
        for (int i = 0; i < 10; i++)
        {
            var samples = new byte[(600 + 40 * i) * 2];
            for (int s = 0; s < samples.Length / 2; s++)
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(samples.AsSpan(s * 2), (short)(6000 * Math.Sin(s * 0.02 * (i + 1))));
            File.WriteAllBytes(Path.Combine(sounds, $"s{i:D2}.wav"), AudioFileDecoderTests.Wav(1, 1, 16000, 16, samples));
        }
        var files = Repository(TinyMediaOnnx.WriteWaveformModel, "onnx/model.onnx", """{"do_normalize": true, "sampling_rate": 16000}""");

        RunKey(dir, "hubert_base", "Xenova/hubert-base-ls960", files, "onnx/model.onnx", "encoder.proj", sounds, 10);
    }

    [Fact]
    public void A_language_model_from_the_hub_lists_layers_and_scores_a_folder_of_texts()
    {
        using var dir = new TempDir();
        string texts = Path.Combine(dir.Path, "texts");
        Directory.CreateDirectory(texts);
        string[] words = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "sleeping", "dog"];
        for (int i = 0; i < 10; i++)
            File.WriteAllText(Path.Combine(texts, $"t{i:D2}.txt"), string.Join(' ', words.Take(i + 1)));
        var files = Repository(folder => TinyTextOnnx.WriteTo(folder, positionIds: true), "onnx/decoder_model.onnx", config: null);
        // The repository's config.json comes along: its context length (here a small one) sets the window.
        files["config.json"] = System.Text.Encoding.UTF8.GetBytes("""{"model_type": "gpt2", "n_positions": 64}""");

        string output = RunKey(dir, "gpt2_small", "openai-community/gpt2", files, "onnx/decoder_model.onnx", "transformer.h.1", texts, 10);
        Assert.Contains("last 64 tokens", output, StringComparison.Ordinal);
    }

    /// <summary>The repository's files: the graph written by <paramref name="write"/> at <paramref name="graphPath"/>,
    /// and a preprocessor_config.json when given.</summary>
    static Dictionary<string, byte[]> Repository(Func<string, string> write, string graphPath, string? config)
    {
        using var build = new TempDir();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [graphPath] = File.ReadAllBytes(write(build.Path)) };
        if (config is not null) files["preprocessor_config.json"] = System.Text.Encoding.UTF8.GetBytes(config);
        return files;
    }

    /// <returns>The run's standard output and error, together.</returns>
    static string RunKey(TempDir dir, string key, string repo, Dictionary<string, byte[]> files, string graphPath, string layer, string stimuli, int count)
    {
        using var mirror = new HubMirror(repo, files);
        using var env = new EnvironmentVariableScope((BBScore.Data.Download.HuggingFaceSource.EndpointVariable, mirror.BaseUrl));
        var home = new DataHome(Path.Combine(dir.Path, "home"));
        string targets = Path.Combine(dir.Path, "targets.npy");
        NpyFile.WriteFloat32(targets, TestRdms.Responses(count, 3, seed: 5), [count, 3]);

        var (layersCode, layersOut, layersErr) = CliRun.Run(home, "layers", key);
        Assert.True(layersCode == 0, layersErr);
        Assert.Contains(layer, layersOut, StringComparison.Ordinal);
        Assert.Equal(1, mirror.Requests(graphPath));

        var (code, output, error) = CliRun.Run(home, "run", "--model", key, "--layer", layer, "--stimuli", stimuli,
            "--targets", targets, "--metric", "ridge", "--batch-size", "4");
        Assert.True(code == 0, error);
        Assert.Contains($"ridge on custom:{Path.GetFileName(stimuli)} ({key})", output, StringComparison.Ordinal);
        Assert.Equal(1, mirror.Requests(graphPath));
        return output + error;
    }
}
