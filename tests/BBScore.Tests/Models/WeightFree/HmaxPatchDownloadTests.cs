using System.Collections.Concurrent;
using BBScore.Data.Download;
using BBScore.Tests.Data;
using BBScore.Models;
using BBScore.Models.Catalog;
using BBScore.Models.WeightFree;
using BBScore.Tests.Support;

namespace BBScore.Tests.Models.WeightFree;

/// <summary>hmax fetches the original's universal patch set from the models bucket, which BBSCORE_GCS_URL mirrors.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class HmaxPatchDownloadTests
{
    [Fact]
    public void The_universal_patch_set_comes_from_the_models_bucket_mirror()
    {
        byte[] patches = File.ReadAllBytes(WeightFreeFixtures.PathOf("hmax", "patchset.mat"));
        var requested = new ConcurrentQueue<string>();
        using var server = new LoopbackServer(ctx =>
        {
            requested.Enqueue(ctx.Request.Url!.AbsolutePath);
            return LoopbackServer.ServeBytes(ctx, patches);
        });
        using var dir = new TempDir();
        // The datasets mirror must not be used for the models bucket.
        using var mirrors = new EnvironmentVariableScope((GcsSource.EndpointVariable, server.BaseUrl + "/gcs"), (GcsSource.BaseUrlVariable, server.BaseUrl + "/datasets"));

        using var hmax = (HmaxModel)new WeightFreeModelFamily().Open(ModelCards.Find("hmax")!, new ModelOpenOptions(), dir.Path);

        Assert.True(hmax.Patches.IsUniversal);
        Assert.Equal(["/gcs/stanford_neuroai_models/hmax/universal_patch_set.mat"], requested.Distinct());
        Assert.Equal(patches, File.ReadAllBytes(HmaxPatchSet.LocalPath(dir.Path)));
    }
}
