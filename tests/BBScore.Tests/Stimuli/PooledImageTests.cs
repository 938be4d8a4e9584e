using BBScore.Features;
using BBScore.Models.Preprocessing;
using BBScore.Progress;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Stimuli;

/// <summary>Decoded and resized images borrow pooled pixel buffers; these tests pin down who may give them back
/// and that nothing reads a buffer after it went back.</summary>
public class PooledImageTests
{
    static readonly ImagePreprocessSpec ResizeAndCrop = new("test", new ResizeShortestEdge(6), PilResampleFilter.Bilinear, (4, 4),
        1.0 / 255.0, ImagePreprocessSpec.ImageNetMean, ImagePreprocessSpec.ImageNetStd);

    static RgbImage Pattern(RgbImage image, int seed)
    {
        for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (byte)(i * 7 + seed * 31);
        return image;
    }

    [Fact]
    public void RecycledImageRefusesToBeReadAndRecyclingTwiceIsHarmless()
    {
        var image = RgbImage.RentPooled(5, 3);
        image.Recycle();
        var error = Assert.Throws<ObjectDisposedException>(() => image.Pixels);
        Assert.Contains("5x3", error.Message);
        image.Recycle();
    }

    [Fact]
    public void RecyclingAnOrdinaryImageLeavesItUsable()
    {
        var pixels = Enumerable.Range(0, 2 * 2 * 3).Select(i => (byte)i).ToArray();
        var image = new RgbImage(2, 2, pixels);
        image.Recycle();
        Assert.Same(pixels, image.Pixels);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (byte)i), image.Pixels);
    }

    [Fact]
    public void PreprocessingRecyclesOnlyItsOwnIntermediates()
    {
        var decoded = Pattern(RgbImage.RentPooled(9, 7), seed: 1);
        byte[] before = decoded.Pixels.ToArray();
        var preprocessor = new NormalizingImagePreprocessor(ResizeAndCrop);
        var fromPooled = new float[3 * 4 * 4];
        var fromCopy = new float[3 * 4 * 4];

        preprocessor.Write(decoded, fromPooled);
        preprocessor.Write(new RgbImage(9, 7, before.ToArray()), fromCopy);

        Assert.Equal(before, decoded.Pixels); // the caller's image is untouched and still readable
        Assert.Equal(fromCopy, fromPooled);
    }

    [Fact]
    public void ExtractorRecyclesEachBatchsImagesOnlyAfterTheBatchRan()
    {
        using var dir = new TempDir();
        var stimuli = new PooledPatternSet(7);
        var model = new FakeModel();

        var features = new FeatureExtractor(model, new FeatureCache(dir.Path), SilentProgress.Instance).Extract(stimuli, ["b"], 3);

        // Every image reached the model intact: layer b is the red channel of the first 2x2 pixels.
        for (int i = 0; i < stimuli.Count; i++)
        {
            var expected = Pattern(new RgbImage(5, 4, new byte[5 * 4 * 3]), i).Pixels;
            Assert.Equal([expected[0], expected[3], expected[15], expected[18]], features[0].Features.Data[(i * 4)..(i * 4 + 4)].Select(v => (byte)v));
        }
        // ...and every buffer went back to the pool once its batch was done.
        Assert.Equal(stimuli.Count, stimuli.Handed.Count);
        Assert.All(stimuli.Handed, image => Assert.Throws<ObjectDisposedException>(() => image.Pixels));
    }

    /// <summary>5x4 images in pooled buffers, each with its own pattern; remembers what it handed out.</summary>
    sealed class PooledPatternSet(int count) : IStimulusSet
    {
        public System.Collections.Concurrent.ConcurrentBag<RgbImage> Handed { get; } = [];
        public string Name => "pooled-patterns";
        public int Count => count;
        public IReadOnlyList<string> Ids => Enumerable.Range(0, count).Select(i => $"p{i}").ToList();
        public string ContentHash => "pooled-patterns-v1";
        public double[,]? Labels => null;

        public RgbImage LoadImage(int index)
        {
            var image = Pattern(RgbImage.RentPooled(5, 4), index);
            Handed.Add(image);
            return image;
        }
    }
}
