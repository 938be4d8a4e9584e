using Xunit.Abstractions;
using BBScore.Models.Catalog;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp.UrlImage;

/// <summary>alexnet_barcode: the C# AlexNetBarcode against the original's (rebuilt in torch by
/// tests/fixtures/generate_barcode_vone_fixtures.py): the full-size state-dict keys and shapes, the outputs at the
/// original's module paths under the same deterministic weights, a file laid out as barcode.pt ('model_state_dict'
/// beside the optimiser state), and the key's catalogue source and preprocessing.</summary>
public sealed class AlexNetBarcodeTests(ITestOutputHelper output)
{
    const string Key = "alexnet_barcode";

    static nn.Module<Tensor, Tensor> Build() => SeededBuild.Construct(UrlImageModels.For(Key)!.Build, seed: 0);

    [Fact]
    public void State_dict_keys_and_shapes_are_the_originals()
    {
        using var network = Build();
        var actual = BarcodeVoneFixtures.KeysOf(network);

        Assert.Equal(BarcodeVoneFixtures.Keys(Key).OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal("4096,6400", actual["classifier.0.weight"]); // FC6 on the 256×5×5 map: no average pool
        Assert.Equal(46_338_016L, network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Outputs_equal_the_originals_under_the_same_weights()
    {
        var errors = BarcodeVoneFixtures.RelativeErrors(Key, Build(), ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

        foreach (var (layer, error) in errors) output.WriteLine($"{layer}: {error:E2}");
        Assert.All(errors, e => Assert.True(e.Value <= 1e-4, $"{e.Key}: max |C# − torch| = {e.Value:E2} of the layer's largest value"));
    }

    [Fact]
    public void The_weights_are_read_from_model_state_dict_beside_the_optimiser_state()
    {
        var state = TorchCheckpoint.ReadStateDict(Path.Combine(BarcodeVoneFixtures.Folder, "barcode_layout.pt"));

        Assert.Equal(["conv.bias", "conv.weight", "norm.bias", "norm.num_batches_tracked", "norm.running_mean", "norm.running_var", "norm.weight"],
            state.Keys.Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_key_downloads_the_originals_bucket_file_and_preprocesses_as_torchvision()
    {
        var card = ModelCards.Find(Key)!;
        var spec = UrlImageModels.For(Key)!;

        Assert.Equal((SourceKind.UrlCheckpoint, "https://storage.googleapis.com/stanford_neuroai_models/alexnet/barcode.pt"), (card.Source.Kind, card.Source.Origin));
        Assert.Equal((new ResizeShortestEdge(256), (224, 224)), (spec.Preprocessing.Resize, spec.Preprocessing.CenterCropSize));
        Assert.Equal(ImagePreprocessSpec.ImageNetMean, spec.Preprocessing.Mean);
    }
}
