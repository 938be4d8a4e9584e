using System.Net;
using System.Text.Json.Nodes;
using BBScore.Data.Download;
using BBScore.Tests.Data;

namespace BBScore.Tests.Ssv2;

/// <summary>The tiny pruned SSV2 set of tests/fixtures/generate_ssv2_fixture.py and a loopback server that serves it at
/// the GCS object paths (<c>/gcs/bbscore_datasets/SSV2_pruned/&lt;file&gt;</c>); <see cref="Gcs"/> points there.</summary>
internal sealed class Ssv2Fixture : IDisposable
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ssv2");

    public static JsonNode Expected { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!;

    public static readonly string[] Files = ["train_classes_map.csv", "test_classes_map.csv", "ssv2_train_videos.zip", "ssv2_test_videos.zip"];

    public const string Prefix = "/gcs/bbscore_datasets/SSV2_pruned/";

    public Ssv2Fixture()
    {
        Server = new LoopbackServer(async ctx =>
        {
            string path = ctx.Request.Url!.AbsolutePath;
            string name = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : "";
            if (!Files.Contains(name))
            {
                ctx.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }
            await LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(Path.Combine(Folder, name)));
        });
        Gcs = new GcsSource(Server.BaseUrl + "/gcs");
    }

    public LoopbackServer Server { get; }
    public GcsSource Gcs { get; }

    public void Dispose() => Server.Dispose();
}
