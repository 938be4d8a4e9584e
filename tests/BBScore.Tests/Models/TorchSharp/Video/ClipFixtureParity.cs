using BBScore.Features;
using BBScore.Formats;

namespace BBScore.Tests.Models.TorchSharp.Video;

/// <summary>Extracted clip features against a generator's <c>&lt;layer&gt;.npy</c> outputs (float64, already regrouped as
/// BBScore regroups them): same shape, and within 1e-4 of each layer's largest magnitude.</summary>
public static class ClipFixtureParity
{
    /// <returns>The largest error relative to its layer's largest magnitude.</returns>
    public static double AssertMatches(IReadOnlyDictionary<string, FeatureTensor> features, IEnumerable<string> layers, Func<string, string> npyPath,
        string label, Action<string>? log = null)
    {
        double worst = 0;
        foreach (string layer in layers)
        {
            var (expected, expectedShape) = NpyFile.ReadFloat64(npyPath(layer));
            Assert.Equal(expectedShape, features[layer].Shape);
            double scale = expected.Max(Math.Abs);
            double diff = TorchSharpTestImages.MaxAbsDifference(features[layer].Data, expected.Select(v => (float)v).ToArray());
            log?.Invoke($"{layer} {string.Join("x", expectedShape)}: max |C# − reference| = {diff:E2}, {diff / scale:E2} of max |reference|");
            Assert.True(scale > 0 && diff <= 1e-4 * scale, $"{label} {layer}: max |C# − reference| = {diff}, max |reference| = {scale}");
            worst = Math.Max(worst, diff / scale);
        }
        return worst;
    }
}
