using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Nsd;
using BBScore.Metrics;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Nsd;

public sealed class NsdAssemblyTests
{
    static IEnumerable<NsdSubjectData> FixtureSubjects() =>
        NsdSubjectFile.SubjectNames.Select(s => NsdSubjectData.Load(s, NsdFixture.PathOf(s)));

    [Theory]
    [InlineData("V1")]
    [InlineData("V4")]
    [InlineData("Ventral")]
    [InlineData("HighVentral")]
    [InlineData("MidParietal")]
    public void Assembly_matches_the_generator(string roi)
    {
        var expected = NsdFixture.Expected["rois"]![roi]!;
        var assembly = NsdAssembly.Build(FixtureSubjects(), NsdRoi.Get(roi));

        int[] shape = expected["shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        Assert.Equal(shape, new[] { assembly.ImageCount, assembly.UnitCount });
        Assert.Equal(NsdSubjectFile.SubjectNames, assembly.Subjects);
        for (int s = 0; s < 4; s++)
            Assert.Equal(expected["selected"]![NsdSubjectFile.SubjectNames[s]]!.AsArray().Select(v => v!.GetValue<int>()), assembly.SelectedVertices[s]);

        double[] targets = expected["targets"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        for (int i = 0; i < shape[0]; i++)
            for (int u = 0; u < shape[1]; u++)
                Assert.Equal(targets[i * shape[1] + u], assembly.Targets[i, u], 1e-12);
        double[] ceiling = expected["ceiling"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        double[] ncsnr = expected["ncsnr"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(ceiling.Length, assembly.Ceiling.Length);
        for (int u = 0; u < ceiling.Length; u++) Assert.Equal(ceiling[u], assembly.Ceiling[u], 1e-12);
        Assert.Equal(ncsnr, assembly.CeilingFor(CompatMode.BBScore));
        Assert.Same(assembly.Ceiling, assembly.CeilingFor(CompatMode.Fixed));
        Assert.All(assembly.Ncsnr, v => Assert.True(v > 0.2));
    }

    [Fact]
    public void Stimulus_set_holds_subj01_images_with_a_stable_content_hash()
    {
        var subj01 = NsdSubjectData.Load("subj01", NsdFixture.PathOf("subj01"));
        var set = NsdStimulusSet.FromSubject(subj01);
        int n = NsdFixture.Expected["images"]!.GetValue<int>(), size = NsdFixture.Expected["size"]!.GetValue<int>();
        Assert.Equal(n, set.Count);
        Assert.Equal(n, set.Ids.Distinct().Count());
        var last = set.LoadImage(n - 1);
        Assert.Equal((size, size), (last.Width, last.Height));
        Assert.Equal(NsdFixture.Expected["last_image_bytes"]!.AsArray().Select(v => (byte)v!.GetValue<int>()), last.Pixels);
        Assert.Equal(set.ContentHash, NsdStimulusSet.FromSubject(NsdSubjectData.Load("subj01", NsdFixture.PathOf("subj01"))).ContentHash);
        var changed = Enumerable.Range(0, n).Select(i => set.LoadImage(i)).ToArray();
        var flipped = (byte[])changed[0].Pixels.Clone();
        flipped[0] ^= 1;
        changed[0] = new BBScore.Stimuli.RgbImage(size, size, flipped);
        Assert.NotEqual(set.ContentHash, new NsdStimulusSet(changed).ContentHash);
        Assert.Null(set.Labels);
    }

    [Fact]
    public void Only_the_four_subjects_are_allowed()
    {
        Assert.Equal(["subj01", "subj02", "subj05", "subj07"], NsdSubjectFile.SubjectNames);
        var e = Assert.Throws<ArgumentException>(() => NsdSubjectFile.FileName("subj03"));
        Assert.Contains("subj03", e.Message);
        Assert.Contains("subj01, subj02, subj05, subj07", e.Message);
        Assert.Equal("subj05_nativesurface_nsdgeneral.pkl", NsdSubjectFile.FileName("subj05"));
    }

    [Fact]
    public void Default_sources_are_the_public_bucket_and_the_drive_ids()
    {
        var files = new NsdSubjectFile(new GcsSource(GcsSource.DefaultEndpoint), new GoogleDriveSource());
        var gcs = Assert.Single(files.GcsManifest("subj01").Files);
        Assert.Equal("https://storage.googleapis.com/bbscore_datasets/nsd/subj01_nativesurface_nsdgeneral.pkl", gcs.Url);
        Assert.Equal("subj01_nativesurface_nsdgeneral.pkl", gcs.RelativePath);
        Assert.Equal("NSDAssembly", files.GcsManifest("subj01").Name);
        var drive = Assert.Single(files.DriveManifest("subj07").Files);
        Assert.Contains("1HX-6t4c6js6J_vP4Xo0h1fbK2WINpwem", drive.Url);
        Assert.Equal(RemoteSource.GoogleDrive, drive.Source);
    }

    [Fact]
    public void Downloads_from_gcs_into_NSDAssembly_then_works_offline()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new NsdFixture();
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        var fetcher = new DatasetFetcher(home, downloader);
        string path = fixture.Files.Ensure(home, "subj02", fetcher);
        Assert.Equal(Path.Combine(home.DatasetsDir, "NSDAssembly", "subj02_nativesurface_nsdgeneral.pkl"), path);
        Assert.Equal(File.ReadAllBytes(NsdFixture.PathOf("subj02")), File.ReadAllBytes(path));
        Assert.Equal(1, fixture.Server.Count("/gcs/bbscore_datasets/nsd/subj02_nativesurface_nsdgeneral.pkl"));
        Assert.Equal(0, fixture.Server.Count("/drive"));
        Assert.Equal(path, fixture.Files.Ensure(home, "subj02", fetcher, offline: true));
        Assert.Throws<DatasetUnavailableException>(() => fixture.Files.Ensure(home, "subj01", fetcher, offline: true));
    }

    [Fact]
    public void Falls_back_to_google_drive_when_gcs_fails_and_names_both_when_both_fail()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using (var fixture = new NsdFixture(gcsUp: false))
        using (var downloader = new Downloader(options: DownloaderTests.FastOptions))
        {
            string path = fixture.Files.Ensure(home, "subj05", new DatasetFetcher(home, downloader));
            Assert.Equal(File.ReadAllBytes(NsdFixture.PathOf("subj05")), File.ReadAllBytes(path));
            Assert.Equal(1, fixture.Server.Count("/drive/download?id=11dPt3Llj6eAEDJnaRy8Ch5CxfeKijX_t"));
        }
        using (var fixture = new NsdFixture(gcsUp: false, driveUp: false))
        using (var downloader = new Downloader(options: DownloaderTests.FastOptions))
        {
            var e = Assert.Throws<DownloadException>(() => fixture.Files.Ensure(home, "subj07", new DatasetFetcher(home, downloader)));
            Assert.Contains("GCS", e.Message);
            Assert.Contains("Google Drive", e.Message);
            Assert.Contains(Path.Combine(home.DatasetsDir, "NSDAssembly", "subj07_nativesurface_nsdgeneral.pkl"), e.Message);
        }
    }

    [Fact]
    public void A_file_that_is_not_an_nsd_subject_fails_with_the_fix()
    {
        string other = Path.Combine(AppContext.BaseDirectory, "Fixtures", "pickles", "arrays_p4.pkl");
        var e = Assert.Throws<InvalidDataException>(() => NsdSubjectData.Load("subj01", other));
        Assert.Contains("delete it", e.Message);
        Assert.Contains("arrays_p4.pkl", e.Message);
    }
}
