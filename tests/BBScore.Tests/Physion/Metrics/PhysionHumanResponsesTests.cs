using BBScore.Data;
using BBScore.Datasets.Physion;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Metrics;

/// <summary>The human-response reader on xarray's files (both engines), damaged files, and the download.</summary>
public class PhysionHumanResponsesTests
{
    public static TheoryData<string, PhysionHumanTask> Files()
    {
        var data = new TheoryData<string, PhysionHumanTask>();
        foreach (string engine in new[] { "h5netcdf", "netcdf4" })
            foreach (var task in PhysionHumanTasks.All) data.Add(engine, task);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadsEveryRowAsXarrayWroteIt(string engine, PhysionHumanTask task)
    {
        var expected = PhysionHumanFixture.Expected["files"]![task.FileName()]!;
        var human = PhysionHumanResponses.Read(PhysionHumanFixture.FilePath(engine, task), task);

        Assert.Equal(task.ResponseVariable(), expected["variable"]!.GetValue<string>());
        Assert.Equal(expected["stimulus_id"]!.AsArray().Select(n => n!.GetValue<string>()), human.RowStimulusIds);
        Assert.Equal(expected["gameID"]!.AsArray().Select(n => n!.GetValue<string>()), human.RowParticipants!);
        Assert.Equal(expected["scenario"]!.AsArray().Select(n => n!.GetValue<string>()), human.RowScenarios!);
        Assert.Equal(expected["responses"]!.AsArray().Select(PhysionHumanFixture.Number), human.Responses);
        var means = expected["human_mean"]!.AsObject();
        Assert.Equal(means.Select(e => e.Key).Order(StringComparer.Ordinal), human.StimulusIds.Order(StringComparer.Ordinal));
        foreach (var (id, mean) in means)
            Assert.Equal(mean!.GetValue<double>(), human.HumanMean(id), 12);
        Assert.Throws<KeyNotFoundException>(() => human.HumanMean("not_a_stimulus"));
    }

    [Fact]
    public void MissingAnswersAreNaNAndSkippedInTheMean()
    {
        var human = PhysionHumanResponses.Read(PhysionHumanFixture.FilePath("netcdf4", PhysionHumanTask.PlacementPrediction), PhysionHumanTask.PlacementPrediction);
        Assert.Equal(1, human.Responses.Count(double.IsNaN));
        Assert.DoesNotContain(human.HumanMeans.Values, double.IsNaN);
    }

    [Fact]
    public void ATruncatedFileIsRefusedNamingIt()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, PhysionHumanTask.ContactDetection.FileName());
        byte[] bytes = File.ReadAllBytes(PhysionHumanFixture.FilePath("h5netcdf", PhysionHumanTask.ContactDetection));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => PhysionHumanResponses.Read(path, PhysionHumanTask.ContactDetection));
        Assert.Contains(path, e.Message);
        Assert.Contains("fetched again", e.Message);
    }

    [Fact]
    public void AFileWithoutTheAnswerVariableIsRefusedNamingIt()
    {
        // a placement file read as contact lacks responseBool
        string path = PhysionHumanFixture.FilePath("h5netcdf", PhysionHumanTask.PlacementDetection);
        var e = Assert.Throws<InvalidDataException>(() => PhysionHumanResponses.Read(path, PhysionHumanTask.ContactDetection));
        Assert.Contains(path, e.Message);
        Assert.Contains("responseBool", e.Message);
    }

    [Fact]
    public void DownloadsFromTheGcsPathIntoPhysionBehavioralThenReadsLocally()
    {
        using var fixture = new PhysionHumanFixture();
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var human = fixture.Files.Load(home, PhysionHumanTask.ContactPrediction, options: DownloaderTests.FastOptions);
        string local = Path.Combine(home.DatasetsDir, "PhysionBehavioral", "PhysionHumanContactPrediction2024.nc");
        Assert.Equal(local, human.Path);
        Assert.True(File.Exists(local));
        Assert.Contains("/gcs/bbscore_datasets/physion_human/PhysionHumanContactPrediction2024.nc", fixture.Requests);
        int requests = fixture.Requests.Count;
        // present now: read offline, no request
        var again = fixture.Files.Load(home, PhysionHumanTask.ContactPrediction, offline: true, options: DownloaderTests.FastOptions);
        Assert.Equal(human.Rows, again.Rows);
        Assert.Equal(requests, fixture.Requests.Count);
    }

    [Fact]
    public void ADamagedDownloadIsMovedAsideAndNamed()
    {
        using var fixture = new PhysionHumanFixture();
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        string local = fixture.Files.Ensure(home, PhysionHumanTask.PlacementDetection, options: DownloaderTests.FastOptions);
        File.WriteAllBytes(local, File.ReadAllBytes(local)[..300]);
        var e = Assert.Throws<InvalidDataException>(() => fixture.Files.Load(home, PhysionHumanTask.PlacementDetection, offline: true));
        Assert.Contains(local, e.Message);
        Assert.False(File.Exists(local));
        Assert.True(File.Exists(local + ".damaged"));
        // the next run fetches it again
        var human = fixture.Files.Load(home, PhysionHumanTask.PlacementDetection, options: DownloaderTests.FastOptions);
        Assert.True(human.Rows > 0);
    }

    [Fact]
    public void OfflineWithoutTheFileSaysWhereToGetIt()
    {
        using var dir = new TempDir();
        var e = Assert.ThrowsAny<Exception>(() => new PhysionHumanFiles().Load(new DataHome(dir.Path), PhysionHumanTask.ContactDetection, offline: true));
        Assert.Contains("physion_human/PhysionHumanContactDetection2024.nc", e.Message);
    }
}
