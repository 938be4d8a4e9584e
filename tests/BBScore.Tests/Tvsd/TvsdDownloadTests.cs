using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Tvsd;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Tvsd;

public sealed class TvsdDownloadTests
{
    [Fact]
    public void Fetch_extract_and_load_from_the_bucket_then_offline_without_requests()
    {
        using var dir = new TempDir();
        using var fixture = new TvsdFixture();
        var home = new DataHome(dir.Path);
        var (stimulusDir, assemblyDir) = fixture.Fetch(home, TvsdBins.Default);
        Assert.Equal(Path.Combine(home.DatasetsDir, "TVSDStimulusSet"), stimulusDir);
        Assert.Equal(Path.Combine(home.DatasetsDir, "TVSDAssembly"), assemblyDir);
        Assert.Equal(1, fixture.Server.Count("/gcs/bbscore_datasets/TVSDStimulusSet/images.zip"));
        Assert.Equal(1, fixture.Server.Count("/gcs/bbscore_datasets/TVSDStimulusSet/things_imgs_monkeyF.mat"));
        Assert.Equal(0, fixture.Server.Count("/gcs/bbscore_datasets/TVSDStimulusSet/things_imgs_monkeyN.mat"));
        Assert.Equal(1, fixture.Server.Count("/gcs/bbscore_datasets/TVSDAssembly/defaultBins.zip"));
        Assert.Equal(0, fixture.Server.Count("/gcs/bbscore_datasets/TVSDAssembly/10msBins.zip")); // default bins only

        Assert.Equal(4, TvsdStimulusSet.Load(stimulusDir, train: false).Count);
        var data = TvsdAssembly.Load(assemblyDir, TvsdMonkeys.Both, TvsdArea.Full, TvsdBins.Default);
        Assert.Equal((10, 2048), (data.Train.GetLength(0), data.Train.GetLength(1)));

        int requests = fixture.Server.Requests.Count;
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        var fetcher = new DatasetFetcher(home, downloader);
        Assert.Equal(stimulusDir, fixture.Files.EnsureStimuli(fetcher, offline: true));
        Assert.Equal(assemblyDir, fixture.Files.EnsureAssembly(fetcher, TvsdBins.Default, offline: true));
        Assert.Equal(requests, fixture.Server.Requests.Count);
        // the 10 ms archive was never fetched: offline it is reported missing
        var e = Assert.Throws<DatasetUnavailableException>(() => fixture.Files.EnsureAssembly(fetcher, TvsdBins.TenMs, offline: true));
        Assert.Equal("10msBins.zip", Assert.Single(e.Missing).RelativePath);
    }

    [Fact]
    public void Offline_with_nothing_on_disk_lists_the_missing_files()
    {
        using var dir = new TempDir();
        using var fixture = new TvsdFixture();
        var home = new DataHome(dir.Path);
        using var downloader = new Downloader(options: DownloaderTests.FastOptions);
        var fetcher = new DatasetFetcher(home, downloader);
        var stimuli = Assert.Throws<DatasetUnavailableException>(() => fixture.Files.EnsureStimuli(fetcher, offline: true));
        Assert.Equal(["images.zip", "things_imgs_monkeyF.mat"], stimuli.Missing.Select(f => f.RelativePath));
        Assert.Contains(fixture.Server.BaseUrl + "/gcs/bbscore_datasets/TVSDStimulusSet/images.zip", stimuli.Message);
        Assert.Contains(Path.Combine(home.DatasetsDir, "TVSDStimulusSet", "things_imgs_monkeyF.mat"), stimuli.Message);
        var assembly = Assert.Throws<DatasetUnavailableException>(() => fixture.Files.EnsureAssembly(fetcher, TvsdBins.TenMs, offline: true));
        Assert.Equal("10msBins.zip", Assert.Single(assembly.Missing).RelativePath);
        Assert.Empty(fixture.Server.Requests);
    }

    [Fact]
    public void Default_sources_are_the_public_bucket()
    {
        var files = new TvsdFiles(new GcsSource(GcsSource.DefaultEndpoint));
        Assert.Equal(
            ["https://storage.googleapis.com/bbscore_datasets/TVSDStimulusSet/images.zip",
             "https://storage.googleapis.com/bbscore_datasets/TVSDStimulusSet/things_imgs_monkeyF.mat"],
            files.StimulusManifest().Files.Select(f => f.Url));
        Assert.Contains(files.StimulusManifest(includeMonkeyNList: true).Files,
            f => f.Url == "https://storage.googleapis.com/bbscore_datasets/TVSDStimulusSet/things_imgs_monkeyN.mat");
        var ten = files.AssemblyManifest(TvsdBins.TenMs);
        Assert.Equal("TVSDAssembly", ten.Name);
        Assert.Equal("https://storage.googleapis.com/bbscore_datasets/TVSDAssembly/10msBins.zip", Assert.Single(ten.Files).Url);
        Assert.Equal(("10msBins.zip", "10msBins"), (ten.ArchiveEntries[0].ArchivePath, ten.ArchiveEntries[0].TargetPath));
        Assert.Equal("https://storage.googleapis.com/bbscore_datasets/TVSDAssembly/defaultBins.zip",
            Assert.Single(files.AssemblyManifest(TvsdBins.Default).Files).Url);
        Assert.Equal(3, files.AllManifests().Count);
    }
}
