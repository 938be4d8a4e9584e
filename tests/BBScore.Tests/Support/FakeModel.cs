using BBScore.Features;
using BBScore.Models;
using BBScore.Stimuli;

namespace BBScore.Tests.Support;

/// <summary>A model whose layer "a" outputs each image's mean R,G,B (shape 3) and layer "b" its
/// first 2x2 pixels' red channel (shape 1x2x2); counts forward passes so tests can see cache hits.</summary>
public sealed class FakeModel(string preprocessing = "raw bytes") : IFeatureModel
{
    public int ForwardPasses { get; private set; }

    public ModelIdentity Identity { get; } = new("fake", "0123abcd", preprocessing);

    public string ResolveLayer(string userName) => userName is "a" or "b" ? userName
        : throw new UnknownNameException("layer", userName, ["a", "b"]);

    public IReadOnlyList<LayerInfo> ListLayers() => [new("a", [3], [], "a"), new("b", [1, 2, 2], [], "b")];

    public IReadOnlyDictionary<string, FeatureTensor> Extract(IReadOnlyList<Stimulus> stimuli, IReadOnlyList<string> layers)
    {
        var batch = StimulusBatch.Images(stimuli, "The fake model");
        return ExtractImages(batch, layers);
    }

    IReadOnlyDictionary<string, FeatureTensor> ExtractImages(IReadOnlyList<RgbImage> batch, IReadOnlyList<string> layers)
    {
        ForwardPasses++;
        var result = new Dictionary<string, FeatureTensor>();
        foreach (var layer in layers)
        {
            if (layer == "a")
            {
                var data = new float[batch.Count * 3];
                for (int i = 0; i < batch.Count; i++)
                    for (int c = 0; c < 3; c++)
                        data[i * 3 + c] = (float)Enumerable.Range(0, batch[i].Width * batch[i].Height).Average(p => batch[i].Pixels[p * 3 + c]);
                result[layer] = new FeatureTensor(data, [batch.Count, 3]);
            }
            else
            {
                var data = new float[batch.Count * 4];
                for (int i = 0; i < batch.Count; i++)
                    for (int y = 0; y < 2; y++)
                        for (int x = 0; x < 2; x++)
                            data[i * 4 + y * 2 + x] = batch[i].Pixels[(y * batch[i].Width + x) * 3];
                result[layer] = new FeatureTensor(data, [batch.Count, 1, 2, 2]);
            }
        }
        return result;
    }

    public void Dispose() { }
}

/// <summary>Solid-colour 4x4 images whose red value is the index, so features are predictable.</summary>
public sealed class CountingStimulusSet(int count, string hash = "hash-v1") : IStimulusSet
{
    public string Name => "counting";
    public int Count => count;
    public IReadOnlyList<string> Ids => Enumerable.Range(0, count).Select(i => $"img{i}").ToList();
    public string ContentHash => hash;
    public double[,]? Labels => null;

    public RgbImage LoadImage(int index)
    {
        var pixels = new byte[4 * 4 * 3];
        for (int p = 0; p < 16; p++)
        {
            pixels[p * 3] = (byte)index;
            pixels[p * 3 + 1] = (byte)(2 * index);
            pixels[p * 3 + 2] = 7;
        }
        return new RgbImage(4, 4, pixels);
    }
}
