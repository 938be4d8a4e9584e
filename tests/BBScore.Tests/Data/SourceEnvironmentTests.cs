using BBScore.Data.Download;
using BBScore.Tests.Support;

namespace BBScore.Tests.Data;

/// <summary>The documented base-URL variables replace exactly the public endpoints.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SourceEnvironmentTests
{
    [Fact]
    public void BBSCORE_DATA_URL_replaces_the_bucket_base_url()
    {
        using (new EnvironmentVariableScope((GcsSource.BaseUrlVariable, null)))
            Assert.Equal("https://storage.googleapis.com/bbscore_datasets/nsd/a.pkl", new GcsSource().Url("nsd/a.pkl"));
        using (new EnvironmentVariableScope((GcsSource.BaseUrlVariable, "http://127.0.0.1:9/mirror/")))
            Assert.Equal("http://127.0.0.1:9/mirror/TVSDAssembly/defaultBins.zip", new GcsSource().Url("TVSDAssembly/defaultBins.zip"));
    }

    [Fact]
    public void BBSCORE_GCS_URL_replaces_the_endpoint_of_every_bucket_and_BBSCORE_DATA_URL_wins_for_datasets()
    {
        using (new EnvironmentVariableScope((GcsSource.BaseUrlVariable, null), (GcsSource.EndpointVariable, null)))
            Assert.Equal("https://storage.googleapis.com/stanford_neuroai_models/hmax/p.mat", new GcsSource(bucket: "stanford_neuroai_models").Url("hmax/p.mat"));
        using (new EnvironmentVariableScope((GcsSource.BaseUrlVariable, null), (GcsSource.EndpointVariable, "http://127.0.0.1:9/gcs/")))
        {
            Assert.Equal("http://127.0.0.1:9/gcs/stanford_neuroai_models/hmax/p.mat", new GcsSource(bucket: "stanford_neuroai_models").Url("hmax/p.mat"));
            Assert.Equal("http://127.0.0.1:9/gcs/bbscore_datasets/nsd/a.pkl", new GcsSource().Url("nsd/a.pkl"));
        }
        using (new EnvironmentVariableScope((GcsSource.BaseUrlVariable, "http://127.0.0.1:9/mirror"), (GcsSource.EndpointVariable, "http://127.0.0.1:9/gcs")))
        {
            Assert.Equal("http://127.0.0.1:9/mirror/nsd/a.pkl", new GcsSource().Url("nsd/a.pkl"));
            Assert.Equal("http://127.0.0.1:9/gcs/stanford_neuroai_models/hmax/p.mat", new GcsSource(bucket: "stanford_neuroai_models").Url("hmax/p.mat"));
            Assert.Equal("http://127.0.0.1:9/x/bbscore_datasets/nsd/a.pkl", new GcsSource("http://127.0.0.1:9/x").Url("nsd/a.pkl"));
        }
    }

    [Fact]
    public void BBSCORE_S3_URL_replaces_the_public_s3_endpoint()
    {
        using (new EnvironmentVariableScope((S3Source.EndpointVariable, null)))
            Assert.Equal("https://openneuro.org.s3.amazonaws.com/ds1/k", new S3Source("openneuro.org").Url("ds1/k"));
        using (new EnvironmentVariableScope((S3Source.EndpointVariable, "http://127.0.0.1:9/s3")))
            Assert.Equal("http://127.0.0.1:9/s3/openneuro.org/ds1/k", new S3Source("openneuro.org").Url("ds1/k"));
    }

    [Fact]
    public void HF_ENDPOINT_replaces_the_hub()
    {
        using (new EnvironmentVariableScope((HuggingFaceSource.EndpointVariable, null)))
            Assert.Equal("https://huggingface.co/Xenova/resnet-18/resolve/main/onnx/model.onnx",
                         new HuggingFaceSource().Url("Xenova/resnet-18", "onnx/model.onnx"));
        using (new EnvironmentVariableScope((HuggingFaceSource.EndpointVariable, "http://127.0.0.1:9/hf/")))
            Assert.Equal("http://127.0.0.1:9/hf/Xenova/clip-vit-base-patch32/resolve/abc123/onnx/vision_model.onnx",
                         new HuggingFaceSource().Url("Xenova/clip-vit-base-patch32", "onnx/vision_model.onnx", "abc123"));
        Assert.Throws<ArgumentException>(() => new HuggingFaceSource().Url("resnet-18", "model.onnx"));
    }
}
