using BBScore.Tests.Inputs;
using BBScore.Tests.Support;
using BBScore.Tests.Text;

namespace BBScore.Tests.Models.Hub;

/// <summary>A loopback Hugging Face hub serving one tiny model under a real repository name, with the hub endpoint
/// pointed at it (and no token) while it lives: an image graph under DINOv2's repository, the GPT-2-shaped text graph, a
/// waveform model (HuBERT) or a log-Mel encoder (Whisper).</summary>
internal sealed class TinyModelHub : IDisposable
{
    readonly HubMirror _mirror;
    readonly EnvironmentVariableScope _endpoint;

    TinyModelHub(string repo, Func<string, string> write, string graphPath, (string Path, string Text)? config)
    {
        using var build = new TempDir();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [graphPath] = File.ReadAllBytes(write(build.Path)) };
        if (config is { } c) files[c.Path] = System.Text.Encoding.UTF8.GetBytes(c.Text);
        _mirror = new HubMirror(repo, files);
        _endpoint = new EnvironmentVariableScope((BBScore.Data.Download.HuggingFaceSource.EndpointVariable, _mirror.BaseUrl),
            (BBScore.Data.Download.HuggingFaceSource.TokenVariable, null));
    }

    /// <summary>The tiny image graph (pixels squashed to 2×2, raw values) whose dense layer is <paramref name="module"/>,
    /// served as <see cref="HubMirror.Repo"/> (dinov2_base's export).</summary>
    public static TinyModelHub ImageModel(string module = "encoder.layer.11") => new(HubMirror.Repo, folder => TinyMediaOnnx.WriteImageModel(folder, module),
        HubMirror.Graph, (HubMirror.Config, TinyMediaOnnx.SquashedRawPixelsConfig));

    /// <summary>The causal text graph with its causal sum named <c>transformer.h.&lt;block&gt;</c>, 64 positions.</summary>
    public static TinyModelHub Gpt2(string repo, int block) => new(repo, folder => TinyTextOnnx.WriteTo(folder, positionIds: true, causalBlock: block),
        "onnx/decoder_model.onnx", ("config.json", """{"model_type": "gpt2", "n_positions": 64}"""));

    public static TinyModelHub Hubert() => new("Xenova/hubert-base-ls960", TinyMediaOnnx.WriteWaveformModel, "onnx/model.onnx",
        ("preprocessor_config.json", """{"do_normalize": true, "sampling_rate": 16000}"""));

    public static TinyModelHub Whisper() => new("Xenova/whisper-tiny", folder => TinyMediaOnnx.WriteLogMelModel(folder), "onnx/encoder_model.onnx", null);

    public void Dispose()
    {
        _endpoint.Dispose();
        _mirror.Dispose();
    }
}
