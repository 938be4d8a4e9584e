using BBScore.Datasets.LeBel;
using BBScore.Tests.Support;

namespace BBScore.Tests.LeBel;

[Collection(EnvironmentCollection.Name)]
public sealed class LeBelSourcesTests
{
    [Fact]
    public void The_published_ceiling_is_pinned_by_size_and_hash_and_a_mirror_is_not()
    {
        using (new EnvironmentVariableScope((LeBelSources.CeilingUrlVariable, null)))
        {
            var published = LeBelSources.Ceiling();
            Assert.Equal(LeBelSources.CeilingUrl, published.Url);
            Assert.Contains("/023a1b5903f1027250879484bbe1585117071fa2/", published.Url); // a commit, never a branch
            Assert.Equal(LeBelSources.CeilingSize, published.Size);
            Assert.Equal(64, published.Sha256!.Length);
        }
        using (new EnvironmentVariableScope((LeBelSources.CeilingUrlVariable, "http://127.0.0.1:1/ceiling.npz")))
        {
            var mirror = LeBelSources.Ceiling();
            Assert.Equal("http://127.0.0.1:1/ceiling.npz", mirror.Url);
            Assert.Null(mirror.Sha256);
        }
    }
}
