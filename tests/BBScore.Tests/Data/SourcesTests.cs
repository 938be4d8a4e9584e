using BBScore.Data.Download;
using BBScore.Tests.Support;

namespace BBScore.Tests.Data;

public sealed class SourcesTests
{
    [Fact]
    public void Gcs_urls_point_at_the_public_bucket_or_an_override()
    {
        Assert.Equal("https://storage.googleapis.com/bbscore_datasets/nsd/subj01%20a.pkl",
                     new GcsSource(GcsSource.DefaultEndpoint).Url("nsd/subj01 a.pkl"));
        var mirror = new GcsSource("http://127.0.0.1:9/mirror/").File("nsd/x.pkl");
        Assert.Equal("http://127.0.0.1:9/mirror/bbscore_datasets/nsd/x.pkl", mirror.Url);
        Assert.Equal("nsd/x.pkl", mirror.RelativePath);
    }

    [Fact]
    public void S3_urls_are_virtual_host_style_by_default_and_path_style_with_an_endpoint()
    {
        if (Environment.GetEnvironmentVariable(S3Source.EndpointVariable) is null) // default form: SourceEnvironmentTests
            Assert.Equal("https://openneuro.org.s3.amazonaws.com/ds003020/a%20b.nii.gz",
                         new S3Source("openneuro.org").Url("ds003020/a b.nii.gz"));
        Assert.Equal("http://localhost:9000/openneuro.org/k", new S3Source("openneuro.org", "http://localhost:9000/").Url("k"));
    }

    [Fact]
    public async Task S3_prefix_listing_follows_pagination()
    {
        const string ns = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
        string Page(string contents, string? next) =>
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult {ns}><Name>openneuro.org</Name><Prefix>ds1/deriv/</Prefix>" +
            contents + (next is null ? "<IsTruncated>false</IsTruncated>" : $"<IsTruncated>true</IsTruncated><NextContinuationToken>{next}</NextContinuationToken>") +
            "</ListBucketResult>";
        string Obj(string key, long size) => $"<Contents><Key>{key}</Key><Size>{size}</Size><ETag>&quot;abc{size}&quot;</ETag></Contents>";

        using var server = new LoopbackServer(ctx =>
        {
            var q = ctx.Request.QueryString;
            Assert.Equal("2", q["list-type"]);
            Assert.Equal("ds1/deriv/", q["prefix"]);
            string xml = q["continuation-token"] switch
            {
                null => Page(Obj("ds1/deriv/", 0) + Obj("ds1/deriv/a.nii.gz", 10), "tok/1+="),
                "tok/1+=" => Page(Obj("ds1/deriv/sub/b.npy", 20), null),
                var t => throw new InvalidOperationException("unexpected token " + t),
            };
            return LoopbackServer.ServeText(ctx, xml, "application/xml");
        });
        var s3 = new S3Source("openneuro.org", server.BaseUrl);
        using var http = new HttpClient();
        var objects = await s3.ListAsync(http, "ds1/deriv/");
        Assert.Equal(["ds1/deriv/", "ds1/deriv/a.nii.gz", "ds1/deriv/sub/b.npy"], objects.Select(o => o.Key));
        Assert.Equal("abc10", objects[1].ETag);

        var files = await s3.ExpandPrefixAsync(http, "ds1/deriv/", "LeBel/deriv");
        Assert.Equal(2, files.Count);
        Assert.Equal(server.BaseUrl + "/openneuro.org/ds1/deriv/sub/b.npy", files[1].Url);
        Assert.Equal("LeBel/deriv/sub/b.npy", files[1].RelativePath);
        Assert.Equal(20, files[1].Size);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task S3_listing_error_names_the_bucket()
    {
        using var server = new LoopbackServer(ctx => { ctx.Response.StatusCode = 403; return Task.CompletedTask; });
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<DownloadException>(() => new S3Source("private", server.BaseUrl).ListAsync(http, "x/"));
        Assert.Contains("s3://private/x/", e.Message);
        Assert.Contains("anonymous", e.Message);
    }

    [Fact]
    public void Drive_download_follows_the_virus_scan_confirm_form()
    {
        byte[] data = DownloaderTests.MakeData(4096);
        using var dir = new TempDir();
        LoopbackServer? server = null;
        server = new LoopbackServer(ctx =>
        {
            var q = ctx.Request.QueryString;
            if (q["uuid"] == "u-123" && q["confirm"] == "t" && q["id"] == "FILEID") return LoopbackServer.ServeBytes(ctx, data);
            string html = $"""
                <html><body><p>Google Drive can't scan this file for viruses.</p>
                <form id="download-form" action="{server!.BaseUrl}/download" method="get">
                <input type="submit" id="uc-download-link" class="goog-inline-block" value="Download anyway"/>
                <input type="hidden" name="id" value="FILEID"><input type="hidden" name="export" value="download">
                <input type="hidden" name="confirm" value="t"><input type="hidden" name="uuid" value="u-123"></form></body></html>
                """;
            return LoopbackServer.ServeText(ctx, html, "text/html; charset=utf-8");
        });
        using (server)
        {
            using var d = new Downloader(options: DownloaderTests.FastOptions);
            var file = new GoogleDriveSource(server.BaseUrl).File("FILEID", "x.pkl", data.Length);
            Assert.Equal(server.BaseUrl + "/download?id=FILEID&export=download&confirm=t", file.Url);
            string dest = Path.Combine(dir.Path, "x.pkl");
            d.Download(file, dest);
            Assert.Equal(data, File.ReadAllBytes(dest));
            Assert.Equal(2, server.Requests.Count);
        }
    }

    [Fact]
    public void Drive_page_without_confirmation_gives_a_clear_error()
    {
        using var dir = new TempDir();
        using var server = new LoopbackServer(ctx =>
            LoopbackServer.ServeText(ctx, "<html><body>Too many users have viewed or downloaded this file recently.</body></html>", "text/html"));
        using var d = new Downloader(options: DownloaderTests.FastOptions);
        var file = new GoogleDriveSource(server.BaseUrl).File("ID", "x.pkl");
        var e = Assert.Throws<DownloadException>(() => d.Download(file, Path.Combine(dir.Path, "x.pkl")));
        Assert.Contains("HTML page", e.Message);
        Assert.Contains(Path.Combine(dir.Path, "x.pkl"), e.Message);
    }

    [Fact]
    public void Old_drive_confirm_link_is_parsed()
    {
        string html = """<a id="uc-download-link" href="/uc?export=download&amp;confirm=AbC_9&amp;id=XYZ">Download anyway</a>""";
        var uri = DriveConfirmPage.FindConfirmUrl(html, new Uri("https://drive.google.com/uc?id=XYZ&export=download"));
        Assert.Equal("https://drive.google.com/uc?export=download&confirm=AbC_9&id=XYZ", uri!.ToString());
        Assert.Null(DriveConfirmPage.FindConfirmUrl("<html>quota exceeded</html>", new Uri("https://x/")));
    }
}
