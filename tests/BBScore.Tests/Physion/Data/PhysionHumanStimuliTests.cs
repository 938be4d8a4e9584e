using BBScore.Datasets.Physion;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Data;

/// <summary>The human-response reader on the Physion data generator's netCDF4 files: every stimulus people saw, and per stimulus
/// the mean of <c>responseBool</c> (contact) or <c>choice</c> (placement) over its presentations, NaN skipped as xarray's
/// groupby-mean skips it.</summary>
public class PhysionHumanStimuliTests
{
    [Theory]
    [InlineData("Detection", PhysionTask.Contact)]
    [InlineData("Detection", PhysionTask.Placement)]
    [InlineData("Prediction", PhysionTask.Contact)]
    [InlineData("Prediction", PhysionTask.Placement)]
    public void Means_per_stimulus_match_xarrays_groupby_mean(string modeName, PhysionTask task)
    {
        var mode = PhysionMode.All.Single(m => m.Name == modeName);
        var human = PhysionHumanResponses.Read(Path.Combine(PhysionFixture.Folder, PhysionHumanFiles.BucketPrefix, mode.HumanFile(task)), PhysionHumanTasks.Of(task, mode));

        var expected = PhysionFixture.Split(mode, new PhysionSplit(mode, task, false).Name + "Test");
        var ids = PhysionFixture.Values<string>(expected, "ids");
        var means = PhysionFixture.Values<double>(expected, "human");
        Assert.Contains("never_shown_stimulus", human.StimulusIds);
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Contains(ids[i], human.StimulusIds);
            Assert.Equal(means[i], human.HumanMeans[ids[i]], 12);
        }
    }

    [Fact]
    public void A_damaged_file_or_one_without_the_tasks_variable_is_invalid_data_naming_it()
    {
        using var dir = new TempDir();
        string damaged = Path.Combine(dir.Path, "damaged.nc");
        File.WriteAllBytes(damaged, new byte[100]);
        Assert.Contains(damaged, Assert.Throws<InvalidDataException>(() => PhysionHumanResponses.Read(damaged, PhysionHumanTask.ContactDetection)).Message);

        string contact = Path.Combine(PhysionFixture.Folder, PhysionHumanFiles.BucketPrefix, PhysionMode.Detection.HumanFile(PhysionTask.Contact));
        var e = Assert.Throws<InvalidDataException>(() => PhysionHumanResponses.Read(contact, PhysionHumanTask.PlacementDetection));
        Assert.Contains("'choice'", e.Message);
    }
}
