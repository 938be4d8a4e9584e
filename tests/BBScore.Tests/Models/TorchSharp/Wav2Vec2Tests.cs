using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Wav2Vec2;
using BBScore.Numerics;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The C# Wav2Vec2Model built from tiny config.json files of both layouts (group norm with post-norm layers,
/// as wav2vec2-base; layer norm with stable pre-norm layers, as hubert-large) against an independent numpy forward with
/// random weights (tests/fixtures/generate_wav2vec2_fixture.py): the state dict's keys and shapes are the checkpoint's
/// (weight-normed positional convolution as weight_g/weight_v), and the outputs at every conv layer, the projection,
/// the positional convolution, each attention and encoder layer and the encoder match to 1e-4 relative.</summary>
public class Wav2Vec2Tests(ITestOutputHelper output)
{
    public static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures", "wav2vec2");

    public static TheoryData<string> Layouts => new() { "base_style", "large_style" };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Outputs_at_module_paths_match_the_numpy_forward(string name)
    {
        TorchRuntime.EnsureLoaded();
        string path = Path.Combine(Dir, $"{name}_config.json");
        var config = HfWav2Vec2Config.Parse(File.ReadAllText(path), path);
        using var net = SeededBuild.Construct(() => new Wav2Vec2Model(config), seed: 0);
        double worst = HfFixtureParity.Check(net, name, Dir);
        output.WriteLine($"{name}: largest error {worst:E2} of the output's largest magnitude");
    }

    [Fact]
    public void A_config_the_network_does_not_build_is_refused_by_name()
    {
        string json = File.ReadAllText(Path.Combine(Dir, "large_style_config.json"));
        var adapter = Assert.Throws<NotSupportedException>(() => HfWav2Vec2Config.Parse(json.Replace("\"model_type\"", "\"add_adapter\": true, \"model_type\""), "x/config.json"));
        Assert.Contains("add_adapter", adapter.Message);
        var act = Assert.Throws<NotSupportedException>(() => HfWav2Vec2Config.Parse(json.Replace("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"relu\""), "x/config.json"));
        Assert.Contains("hidden_act", act.Message);
        var groups = Assert.Throws<InvalidDataException>(() => HfWav2Vec2Config.Parse(json.Replace("\"num_conv_pos_embedding_groups\": 2", "\"num_conv_pos_embedding_groups\": 3"), "x/config.json"));
        Assert.Contains("x/config.json", groups.Message);
    }
}
