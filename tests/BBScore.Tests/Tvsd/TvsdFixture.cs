using System.Net;
using System.Text.Json.Nodes;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Tvsd;
using BBScore.Tests.Data;

namespace BBScore.Tests.Tvsd;

/// <summary>The tiny TVSD dataset of tests/fixtures/generate_tvsd_fixture.py and a loopback server that
/// serves it at the GCS object paths (<c>/gcs/bbscore_datasets/TVSDStimulusSet/&lt;file&gt;</c>,
/// <c>/gcs/bbscore_datasets/TVSDAssembly/&lt;zip&gt;</c>); <see cref="Files"/> points there.</summary>
internal sealed class TvsdFixture : IDisposable
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tvsd");

    public static JsonNode Expected { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")))!;

    static readonly Dictionary<string, string> Served = new(StringComparer.Ordinal)
    {
        ["/gcs/bbscore_datasets/TVSDStimulusSet/images.zip"] = "images.zip",
        ["/gcs/bbscore_datasets/TVSDStimulusSet/things_imgs_monkeyF.mat"] = "things_imgs_monkeyF.mat",
        // the fixture has no separate monkeyN list: the original assumes both list the same images
        ["/gcs/bbscore_datasets/TVSDStimulusSet/things_imgs_monkeyN.mat"] = "things_imgs_monkeyF.mat",
        ["/gcs/bbscore_datasets/TVSDAssembly/defaultBins.zip"] = "defaultBins.zip",
        ["/gcs/bbscore_datasets/TVSDAssembly/10msBins.zip"] = "10msBins.zip",
    };

    public TvsdFixture()
    {
        Server = new LoopbackServer(async ctx =>
        {
            if (!Served.TryGetValue(ctx.Request.Url!.AbsolutePath, out var file))
            {
                ctx.Response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }
            await LoopbackServer.ServeBytes(ctx, File.ReadAllBytes(Path.Combine(Folder, file)));
        });
        Files = new TvsdFiles(new GcsSource(Server.BaseUrl + "/gcs"));
    }

    public LoopbackServer Server { get; }
    public TvsdFiles Files { get; }

    /// <summary>Downloads and unpacks the stimuli and the chosen binnings into <paramref name="home"/>;
    /// returns the stimulus and assembly dataset folders.</summary>
    public (string StimulusDir, string AssemblyDir) Fetch(DataHome home, params TvsdBins[] bins)
    {
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        var fetcher = new DatasetFetcher(home, downloader);
        string stimuli = Files.EnsureStimuli(fetcher, offline: false);
        string assembly = new DatasetManifest(TvsdFiles.AssemblyDatasetName, []).DirectoryIn(home);
        foreach (var b in bins.Length == 0 ? [TvsdBins.Default, TvsdBins.TenMs] : bins)
            assembly = Files.EnsureAssembly(fetcher, b, offline: false);
        return (stimuli, assembly);
    }

    public void Dispose() => Server.Dispose();
}
