using System.Net;
using System.Text.Json.Nodes;
using BBScore.Data.Download;
using BBScore.Datasets.Nsd;
using BBScore.Tests.Data;

namespace BBScore.Tests.Nsd;

/// <summary>The tiny NSD dataset of tests/fixtures/generate_nsd_fixture.py and a loopback server that
/// serves it at the GCS object paths (<c>/bbscore_datasets/nsd/&lt;file&gt;</c>) and, optionally, at the
/// Google Drive download path.</summary>
internal sealed class NsdFixture : IDisposable
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "nsd");

    public static string PathOf(string subject) => Path.Combine(Folder, NsdSubjectFile.FileName(subject));

    public static JsonNode Expected { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!;

    public NsdFixture(bool gcsUp = true, bool driveUp = true)
    {
        Server = new LoopbackServer(async ctx =>
        {
            string path = ctx.Request.Url!.AbsolutePath;
            string? id = ctx.Request.QueryString["id"];
            string? subject = null;
            if (gcsUp && path.StartsWith("/gcs/bbscore_datasets/nsd/", StringComparison.Ordinal))
                subject = NsdSubjectFile.SubjectNames.FirstOrDefault(s => path.EndsWith("/" + NsdSubjectFile.FileName(s), StringComparison.Ordinal));
            else if (driveUp && path == "/drive/download" && id is not null)
                subject = NsdSubjectFile.Subjects.FirstOrDefault(s => s.DriveId == id).Subject;
            if (subject is null)
            {
                ctx.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }
            await LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(PathOf(subject)));
        });
        Files = new NsdSubjectFile(new GcsSource(Server.BaseUrl + "/gcs"), new GoogleDriveSource(Server.BaseUrl + "/drive"));
    }

    public LoopbackServer Server { get; }
    public NsdSubjectFile Files { get; }

    public void Dispose() => Server.Dispose();
}
