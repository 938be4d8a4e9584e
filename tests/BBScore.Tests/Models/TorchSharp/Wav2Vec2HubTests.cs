using System.Text;
using BBScore.Data.Download;
using BBScore.Models;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Wav2Vec2;
using BBScore.Numerics;
using BBScore.Stimuli;
using BBScore.Tests.Models.Hub;
using BBScore.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>Two keys opened through the catalogue from a loopback hub serving a tiny random-weight
/// <c>pytorch_model.bin</c> in the real layout of their 2020–2021 repositories (no safetensors: the family falls back to
/// the pickle): wav2vec2_base as a Wav2Vec2ForPreTraining save (<c>wav2vec2.</c> prefix, weight_g/weight_v, the
/// quantizer and contrastive projections) and hubert_xl as a newer HubertForCTC save (<c>hubert.</c> prefix, the
/// positional convolution's <c>parametrizations.weight.original0/1</c>, <c>lm_head</c>). Two sounds of different lengths
/// are fed: each, normalised to zero mean and unit variance, through the network whose state dict was written, averaged
/// over time, must give the features of the original's layer path (with and without <c>_orig_mod.</c>). The original
/// constructs <c>Wav2Vec2FeatureExtractor(sampling_rate=16000)</c>, so a repository config saying do_normalize false
/// changes nothing.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class Wav2Vec2HubTests
{
    const string Processor = """
        {"do_normalize": DO_NORMALIZE, "feature_extractor_type": "Wav2Vec2FeatureExtractor", "feature_size": 1, "padding_side": "right",
         "padding_value": 0.0, "return_attention_mask": false, "sampling_rate": 16000}
        """;

    [Fact]
    public void Wav2vec2_base_opens_from_a_pre_training_pickle_with_its_quantizer()
    {
        Check("wav2vec2_base", "facebook/wav2vec2-base", "base_style", name => "wav2vec2." + name, repoNormalizes: true,
            [("quantizer.codevectors", [1, 8, 4]), ("quantizer.weight_proj.weight", [8, 8]), ("quantizer.weight_proj.bias", [8]),
             ("project_q.weight", [4, 4]), ("project_q.bias", [4]), ("project_hid.weight", [4, 16]), ("project_hid.bias", [4])]);
    }

    [Fact]
    public void Hubert_xl_opens_from_a_CTC_pickle_with_parametrized_weight_norm()
    {
        Check("hubert_xl", "facebook/hubert-xlarge-ls960-ft", "large_style",
            name => "hubert." + name.Replace(".weight_g", ".parametrizations.weight.original0").Replace(".weight_v", ".parametrizations.weight.original1"),
            repoNormalizes: false,
            [("lm_head.weight", [32, 16]), ("lm_head.bias", [32])]);
    }

    static void Check(string key, string repo, string fixture, Func<string, string> fileKey, bool repoNormalizes, (string Name, long[] Shape)[] unused)
    {
        TorchRuntime.EnsureLoaded();
        string config = File.ReadAllText(Path.Combine(Wav2Vec2Tests.Dir, $"{fixture}_config.json"));
        using var reference = SeededBuild.Construct(() => new Wav2Vec2Model(HfWav2Vec2Config.Parse(config, fixture)), seed: 0);
        reference.eval();
        var random = new Random(5);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (no_grad())
            foreach (var (name, value) in reference.state_dict())
            {
                bool norm = name.Contains("norm") && name.EndsWith("weight", StringComparison.Ordinal);
                var values = Enumerable.Range(0, (int)value.numel()).Select(_ => (float)((norm ? 1 : 0) + 0.4 * (random.NextDouble() - 0.5))).ToArray();
                value.copy_(tensor(values, value.shape));
                state[fileKey(name)] = tensor(values, value.shape);
            }
        foreach (var (name, shape) in unused) state[name] = zeros(shape);
        byte[] pickle;
        using (var stream = new MemoryStream())
        {
            global::TorchSharp.PyBridge.PyTorchPickler.PickleStateDict(stream, state);
            pickle = stream.ToArray();
        }
        foreach (var value in state.Values) value.Dispose();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["pytorch_model.bin"] = pickle,
            ["config.json"] = Encoding.UTF8.GetBytes(config),
            ["preprocessor_config.json"] = Encoding.UTF8.GetBytes(Processor.Replace("DO_NORMALIZE", repoNormalizes ? "true" : "false")),
        };
        using var hub = new HubMirror(repo, files);
        using var endpoint = new EnvironmentVariableScope((HuggingFaceSource.EndpointVariable, hub.BaseUrl), (HuggingFaceSource.TokenVariable, null));
        using var dir = new TempDir();
        using var model = ModelCatalog.Open(key, new ModelOpenOptions(), Path.Combine(dir.Path, "models"));

        var sounds = new[] { Tone(800, 220, random), Tone(1200, 97, random) };
        const string layer = "encoder.layers.1";
        var features = model.Extract(sounds.Select(s => (Stimulus)new AudioStimulus(s, 16000)).ToList(), [layer, "_orig_mod." + layer, "feature_projection"]);

        Assert.Equal([2, 16], features[layer].Shape);
        Assert.Equal(features[layer].Data, features["_orig_mod." + layer].Data);
        Assert.Equal([16], model.ListLayers().Single(l => l.Name == layer).Shape!);
        Assert.Contains("zero mean unit variance", model.Identity.Preprocessing);
        for (int b = 0; b < sounds.Length; b++)
        {
            var expected = ReferenceMean(reference, layer, Normalised(sounds[b]));
            var got = features[layer].Data.AsSpan(b * 16, 16).ToArray();
            for (int d = 0; d < 16; d++) Assert.True(Math.Abs(got[d] - expected[d]) <= 1e-5 * (1 + Math.Abs(expected[d])), $"{key} sound {b} [{d}]: {got[d]} vs {expected[d]}");
        }
    }

    /// <summary>The reference network's output at <paramref name="layer"/> for one sound, averaged over time.</summary>
    static float[] ReferenceMean(Wav2Vec2Model reference, string layer, float[] wave)
    {
        var module = (nn.Module<Tensor, Tensor>)reference.named_modules().Single(m => m.name == layer).module;
        float[]? mean = null;
        var hook = module.register_forward_hook((_, _, output) =>
        {
            mean = output.mean([1]).data<float>().ToArray();
            return output;
        });
        using (no_grad()) reference.call(tensor(wave, [1, wave.Length])).Dispose();
        hook.remove();
        return mean!;
    }

    /// <summary>Wav2Vec2FeatureExtractor's do_normalize: (x − mean) / sqrt(var + 1e-7).</summary>
    static float[] Normalised(float[] wave)
    {
        double mean = wave.Average(v => (double)v);
        double std = Math.Sqrt(wave.Average(v => (v - mean) * (v - mean)) + 1e-7);
        return wave.Select(v => (float)((v - mean) / std)).ToArray();
    }

    static float[] Tone(int length, double hz, Random random) =>
        Enumerable.Range(0, length).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * hz * i / 16000) + 0.05 * (random.NextDouble() - 0.5) + 0.1)).ToArray();
}
