using BBScore.Features;
using BBScore.Progress;
using BBScore.Tests.Support;

namespace BBScore.Tests.Features;

public class FeatureExtractorCacheTests
{
    [Fact]
    public void SecondIdenticalExtractionIsACacheHitWithIdenticalFeatures()
    {
        using var dir = new TempDir();
        var model = new FakeModel();
        var cache = new FeatureCache(dir.Path);
        var first = new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(5), ["a", "b"], 2);
        Assert.Equal(3, model.ForwardPasses); // 5 stimuli in batches of 2
        Assert.All(first, f => Assert.False(f.CacheHit));
        Assert.Equal([5, 3], first[0].Features.Shape);
        Assert.Equal([5, 4], first[1].Features.Shape); // flattened 1x2x2
        Assert.Equal([1, 2, 2], first[1].UnitShape);
        Assert.Equal([4f, 8f, 7f], first[0].Features.Data[12..15]); // stimulus 4: R=4, G=8, B=7

        var second = new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(5), ["a", "b"], 2);
        Assert.Equal(3, model.ForwardPasses); // no new forward pass
        Assert.All(second, f => Assert.True(f.CacheHit));
        Assert.Equal(first[0].Features.Data, second[0].Features.Data);
        Assert.Equal(first[1].Features.Data, second[1].Features.Data);
    }

    [Fact]
    public void ChangingPreprocessingLayerOrStimuliMisses()
    {
        using var dir = new TempDir();
        var cache = new FeatureCache(dir.Path);
        var model = new FakeModel("raw bytes");
        new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3), ["a"], 8);

        var otherPreprocessing = new FakeModel("scaled to [0,1]");
        Assert.False(new FeatureExtractor(otherPreprocessing, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3), ["a"], 8)[0].CacheHit);
        Assert.False(new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3), ["b"], 8)[0].CacheHit);
        Assert.False(new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3, "hash-v2"), ["a"], 8)[0].CacheHit);
        Assert.True(new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3), ["a"], 8)[0].CacheHit);
    }

    [Fact]
    public void EntryWithoutSidecarOrWithCorruptDataIsAMissAndIsRebuilt()
    {
        using var dir = new TempDir();
        var cache = new FeatureCache(dir.Path);
        var model = new FakeModel();
        var first = new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3), ["a"], 8)[0];

        File.Delete(cache.SidecarPath(first.Key)); // as if the run was cut before the sidecar landed
        Assert.False(new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3), ["a"], 8)[0].CacheHit);

        var data = cache.DataPath(first.Key);
        File.WriteAllBytes(data, File.ReadAllBytes(data)[..100]); // truncated data file
        var rebuilt = new FeatureExtractor(model, cache, SilentProgress.Instance).Extract(new CountingStimulusSet(3), ["a"], 8)[0];
        Assert.False(rebuilt.CacheHit);
        Assert.Equal(first.Features.Data, rebuilt.Features.Data);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.partial"));
    }

    [Fact]
    public void FailedExtractionLeavesNoCacheEntry()
    {
        using var dir = new TempDir();
        var cache = new FeatureCache(dir.Path);
        var broken = new BrokenStimulusSet();
        Assert.Throws<InvalidOperationException>(() =>
            new FeatureExtractor(new FakeModel(), cache, SilentProgress.Instance).Extract(broken, ["a"], 2));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void CancelledExtractionThrowsAndLeavesNoCacheEntry()
    {
        using var dir = new TempDir();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            new FeatureExtractor(new FakeModel(), new FeatureCache(dir.Path), SilentProgress.Instance).Extract(new CountingStimulusSet(4), ["a"], 2, cancel.Token));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    sealed class BrokenStimulusSet : BBScore.Stimuli.IStimulusSet
    {
        readonly CountingStimulusSet _inner = new(4);
        public string Name => "broken";
        public int Count => 4;
        public IReadOnlyList<string> Ids => _inner.Ids;
        public string ContentHash => "broken";
        public double[,]? Labels => null;
        public BBScore.Stimuli.RgbImage LoadImage(int index) =>
            index == 3 ? throw new InvalidOperationException("image 3 is unreadable") : _inner.LoadImage(index);
    }
}
