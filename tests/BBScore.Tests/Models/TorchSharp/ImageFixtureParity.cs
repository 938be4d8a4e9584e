using BBScore.Formats;
using BBScore.Models;
using BBScore.Models.Preprocessing;
using BBScore.Models.TorchSharpModels;
using BBScore.Stimuli;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>The shared check of an image network against a fixture folder's reference: <c>image.npy</c> (uint8 RGB
/// values) scaled by 1/255 and ImageNet-normalised without resizing, every module path of <c>outputs.npz</c> hooked,
/// shapes equal and values within 1e-4 of each output's largest magnitude.</summary>
internal static class ImageFixtureParity
{
    /// <summary>Runs <paramref name="network"/> (owned and disposed here) and asserts its outputs; returns how many.</summary>
    public static int AssertMatches(nn.Module<Tensor, Tensor> network, string folder, string reference)
    {
        var spec = new ImagePreprocessSpec("test", null, PilResampleFilter.Bilinear, null, 1.0 / 255.0,
            ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);
        using var model = new TorchSharpFeatureModel(network, new NormalizingImagePreprocessor(spec), new ModelIdentity("fixture", "", ""));
        var (pixels, shape) = NpyFile.ReadFloat64(Path.Combine(folder, "image.npy"));
        var image = new RgbImage(shape[1], shape[0], pixels.Select(v => checked((byte)v)).ToArray());
        var expected = NpzFile.Read(Path.Combine(folder, "outputs.npz"));

        var features = model.Extract([image], expected.Keys.ToList());

        foreach (var (layer, array) in expected)
        {
            double[] want = array.ToDoubles();
            Assert.Equal(array.Shape, features[layer].Shape);
            double scale = want.Max(Math.Abs);
            double diff = TorchSharpTestImages.MaxAbsDifference(features[layer].Data, want.Select(v => (float)v).ToArray());
            Assert.True(diff <= 1e-4 * scale, $"{layer}: max |C# − {reference}| = {diff} (scale {scale})");
        }
        return expected.Count;
    }
}
