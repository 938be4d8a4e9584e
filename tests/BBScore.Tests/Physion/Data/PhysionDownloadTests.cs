using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Datasets.Physion;
using BBScore.Progress;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Data;

/// <summary>The Physion files fetched from the bucket's paths (on loopback) into a data home: the CSV beside the zip's
/// clips unpacked into <c>videos/</c>, the task's human file in the metrics' <c>PhysionBehavioral/</c>; a second load
/// fetches nothing.</summary>
public class PhysionDownloadTests
{
    [Theory]
    [InlineData("Detection", PhysionTask.Contact)]
    [InlineData("Prediction", PhysionTask.Placement)]
    public void The_csv_the_unpacked_clips_and_the_human_file_land_in_the_data_home(string modeName, PhysionTask task)
    {
        var mode = PhysionMode.All.Single(m => m.Name == modeName);
        using var dir = new TempDir();
        using var fixture = new PhysionFixture();
        var home = new DataHome(dir.Path);
        var split = new PhysionSplit(mode, task, Intra: false);

        var files = PhysionBenchmarks.Fetch(home, split, SilentProgress.Instance, fixture.Files, DownloaderTests.FastOptions);

        string dataset = Path.Combine(home.DatasetsDir, mode.Folder);
        Assert.True(File.Exists(Path.Combine(dataset, mode.CsvFile)));
        Assert.True(File.Exists(Path.Combine(dataset, PhysionMode.VideosFolder, mode.FileStem, "train", $"{modeName.ToLowerInvariant()}_000.mp4")));
        Assert.True(File.Exists(Path.Combine(dataset, mode.ClipsFolder, "test", $"{modeName.ToLowerInvariant()}_013.mp4")));
        string human = Path.Combine(home.DatasetsDir, PhysionHumanFiles.DatasetName, mode.HumanFile(task));
        Assert.True(File.Exists(human));
        Assert.Contains(human, files);
        Assert.Equal(1, fixture.Server.Count($"/gcs/bbscore_datasets/physion_human/{mode.HumanFile(task)}"));
        Assert.Equal(1, fixture.Server.Count($"/gcs/bbscore_datasets/{mode.Folder}/{mode.ZipFile}"));

        int requests = fixture.Server.Requests.Count;
        var data = PhysionBenchmarks.Load(home, split, SilentProgress.Instance, fixture.Files, options: DownloaderTests.FastOptions);
        Assert.Equal(requests, fixture.Server.Requests.Count);
        Assert.Equal(PhysionFixture.Split(mode, split.Name + "Train")["ids"]!.AsArray().Count, data.TrainStimuli.Count);
    }

    [Fact]
    public void Offline_a_missing_file_is_named_with_where_it_goes()
    {
        using var dir = new TempDir();
        using var fixture = new PhysionFixture();
        var split = new PhysionSplit(PhysionMode.Detection, PhysionTask.Contact, Intra: false);
        var e = Assert.ThrowsAny<Exception>(() =>
            PhysionBenchmarks.Fetch(new DataHome(dir.Path), split, SilentProgress.Instance, fixture.Files, DownloaderTests.FastOptions, offline: true));
        Assert.Contains(PhysionMode.Detection.ZipFile, e.Message);
        Assert.Contains(PhysionMode.Detection.HumanFile(PhysionTask.Contact), e.Message);
        Assert.Empty(fixture.Server.Requests);
    }
}
