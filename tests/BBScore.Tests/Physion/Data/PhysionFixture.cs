using System.Net;
using System.Text.Json.Nodes;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Physion;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Data;

/// <summary>The tiny Physion dataset of tests/fixtures/generate_physion_fixture.py, laid out as the bucket is, and a
/// loopback server that serves it at the GCS object paths (<c>/gcs/bbscore_datasets/&lt;folder&gt;/&lt;file&gt;</c>);
/// <see cref="Files"/> points there, <see cref="Mirror"/> points the CLI there.</summary>
internal sealed class PhysionFixture : IDisposable
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "physion");

    public static JsonNode Expected { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!;

    const string Prefix = "/gcs/" + GcsSource.DefaultBucket + "/";

    public PhysionFixture()
    {
        Server = new LoopbackServer(async ctx =>
        {
            string path = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath);
            string file = path.StartsWith(Prefix, StringComparison.Ordinal) ? Path.Combine(Folder, path[Prefix.Length..]) : "";
            if (!File.Exists(file))
            {
                ctx.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }
            await LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(file));
        });
        Files = new PhysionFiles(new GcsSource(Server.BaseUrl + "/gcs"));
    }

    public LoopbackServer Server { get; }
    public PhysionFiles Files { get; }

    /// <summary>Points every GCS download (the CLI's included) at the server.</summary>
    public EnvironmentVariableScope Mirror() =>
        new((GcsSource.EndpointVariable, Server.BaseUrl + "/gcs"), (GcsSource.BaseUrlVariable, null));

    /// <summary>The expected split of the generator (ids, labels, human means for a test split).</summary>
    public static JsonNode Split(PhysionMode mode, string name) => Expected[mode.Name]!["splits"]![name]!;

    public static T[] Values<T>(JsonNode node, string key) => node[key]!.AsArray().Select(v => v!.GetValue<T>()).ToArray();

    public void Dispose() => Server.Dispose();
}
