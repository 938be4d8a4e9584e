using BBScore.Formats;
using BBScore.Models.Catalog;
using BBScore.Models.TorchSharpModels;
using BBScore.Models.TorchSharpModels.Timesformer;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>TimeSformer's divided space-time attention against a PyTorch transcription of Hugging Face's
/// TimesformerModel (tests/fixtures/generate_timesformer_fixture.py, the network of bench/reference/make_timesformer_onnx.py
/// at a tiny size): a TimesformerForVideoClassification checkpoint loads through the family's key map and gives
/// PyTorch's outputs at every module path; timesformer_l is served from its hub repository.</summary>
public sealed class TimesformerTests
{
    static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "timesformer", name);

    [Fact]
    public void A_published_layout_checkpoint_gives_torchs_outputs()
    {
        var family = TimesformerHubArchitectures.Timesformer;
        var built = family.Build(ModelCards.Find("timesformer_l")!, File.ReadAllText(FixturePath("config.json")), "config.json");
        using var network = built.Network;
        network.eval();
        SafetensorsCheckpoint.LoadInto(network, FixturePath("model.safetensors"), family.Keys);
        Assert.Equal(new TorchClipSpec(3, 32, new TokenFold.IntoFrames(3)), built.Clip);

        Assert.Equal(6, NpzFile.Read(FixturePath("outputs.npz")).Count);
        HfFixtureParity.CompareOutputs(network, FixturePath("input.npy"), FixturePath("outputs.npz"), "TimeSformer");
    }

    [Fact]
    public void Timesformer_l_loads_its_hub_checkpoint_and_other_attention_types_are_refused()
    {
        var card = ModelCards.Find("timesformer_l")!;
        Assert.Equal((SourceKind.HubCheckpoint, "facebook/timesformer-large-finetuned-k400"), (card.Source.Kind, card.Source.Repo));
        Assert.Equal("ready (weights download on first use)", card.Status(Path.Combine(Path.GetTempPath(), "bbscore-no-models-here")));
        var e = Assert.Throws<NotSupportedException>(() => TimesformerConfig.Parse("""{"model_type": "timesformer", "attention_type": "joint_space_time"}""", "x/config.json"));
        Assert.Contains("'joint_space_time'", e.Message);
    }
}
