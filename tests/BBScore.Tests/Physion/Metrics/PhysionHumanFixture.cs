using System.Net;
using System.Text.Json.Nodes;
using BBScore.Data.Download;
using BBScore.Datasets.Physion;
using BBScore.Tests.Data;

namespace BBScore.Tests.Physion.Metrics;

/// <summary>The human-response files of tests/fixtures/generate_physion_human_fixture.py (written by xarray with the
/// h5netcdf and the netcdf4 engine) with the reference numbers, and a loopback server that serves the h5netcdf files
/// at the GCS object paths <c>/gcs/bbscore_datasets/physion_human/&lt;file&gt;</c>; <see cref="Files"/> points there.</summary>
internal sealed class PhysionHumanFixture : IDisposable
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "physion_human");

    public static JsonNode Expected { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!;

    public static string FilePath(string engine, PhysionHumanTask task) => Path.Combine(Folder, engine, task.FileName());

    /// <summary>A JSON number, or NaN for the generator's "NaN" / null.</summary>
    public static double Number(JsonNode? node) =>
        node is null || node.GetValueKind() == System.Text.Json.JsonValueKind.String ? double.NaN : node.GetValue<double>();

    public PhysionHumanFixture()
    {
        Server = new LoopbackServer(async ctx =>
        {
            const string prefix = "/gcs/bbscore_datasets/physion_human/";
            string requested = ctx.Request.Url!.AbsolutePath;
            Requests.Add(requested);
            string file = Path.Combine(Folder, "h5netcdf", requested.StartsWith(prefix, StringComparison.Ordinal) ? requested[prefix.Length..] : "-");
            if (!File.Exists(file))
            {
                ctx.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }
            await LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(file));
        });
        Files = new PhysionHumanFiles(new GcsSource(Server.BaseUrl + "/gcs"));
    }

    public LoopbackServer Server { get; }
    public PhysionHumanFiles Files { get; }
    public System.Collections.Concurrent.ConcurrentBag<string> Requests { get; } = [];

    public void Dispose() => Server.Dispose();
}
