using BBScore.Benchmarks;
using BBScore.Data;
using BBScore.Datasets.Physion;
using BBScore.Progress;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Physion.Data;

/// <summary>The splits of all eight Physion variants against the generator's re-implementation of the original's
/// <c>_prepare_videos</c>: ids (stimulus_id less the mode's suffix), labels (placement rows with -1 skipped, intra rows
/// only for Intra), human means of the test clips; the targets are one column of class ids, stratified by them.</summary>
public class PhysionSplitTests
{
    public static TheoryData<string, PhysionTask, bool> Variants()
    {
        var data = new TheoryData<string, PhysionTask, bool>();
        foreach (var split in PhysionBenchmarks.Splits) data.Add(split.Mode.Name, split.Task, split.Intra);
        return data;
    }

    static BenchmarkData Load(PhysionSplit split, PhysionHumanStimuliLoader? human = null)
    {
        using var dir = new TempDir();
        using var fixture = new PhysionFixture();
        // The clips stay readable after the folder goes: the assertions below only need the lists, the files are
        // checked for existence when the sets are built.
        return PhysionBenchmarks.Load(new DataHome(dir.Path), split, SilentProgress.Instance, fixture.Files, human, DownloaderTests.FastOptions);
    }

    static PhysionSplit Split(string mode, PhysionTask task, bool intra) => new(PhysionMode.All.Single(m => m.Name == mode), task, intra);

    [Theory]
    [MemberData(nameof(Variants))]
    public void Train_and_test_keep_the_originals_rows_labels_and_human_means(string mode, PhysionTask task, bool intra)
    {
        var split = Split(mode, task, intra);
        var data = Load(split);
        var train = Assert.IsType<PhysionStimulusSet>(data.TrainStimuli);
        var test = Assert.IsType<PhysionStimulusSet>(data.TestStimuli);
        var expectedTrain = PhysionFixture.Split(split.Mode, split.Name + "Train");
        var expectedTest = PhysionFixture.Split(split.Mode, split.Name + "Test");

        Assert.Equal(split.Name + "Train", train.Name);
        Assert.Equal(PhysionFixture.Values<string>(expectedTrain, "ids"), train.Ids);
        Assert.Equal(PhysionFixture.Values<int>(expectedTrain, "labels"), train.ClassIds);
        Assert.Equal(PhysionFixture.Values<string>(expectedTest, "ids"), test.Ids);
        Assert.Equal(PhysionFixture.Values<int>(expectedTest, "labels"), test.ClassIds);
        Assert.Equal(PhysionFixture.Values<double>(expectedTest, "human"), test.HumanMeans!);
        Assert.Null(train.HumanMeans);

        Assert.Equal(train.ClassIds.Select(c => (double)c), Enumerable.Range(0, train.Count).Select(i => data.TrainTargets[i, 0]));
        Assert.Equal(1, data.TrainTargets.GetLength(1));
        Assert.Equal(test.ClassIds.Select(c => (double)c), Enumerable.Range(0, test.Count).Select(i => data.TestTargets![i, 0]));
        Assert.Equal(train.ClassIds, data.StratifyLabels);
        Assert.Equal(task == PhysionTask.Contact ? 2 : 256, data.NumClasses);
        Assert.Equal(split.Mode.Sampling.Frames, train.FramesPerClip);
    }

    [Fact]
    public void Placement_skips_clips_without_a_cell_and_contact_keeps_them()
    {
        // detection_002 (train) and detection_009 (test, with human data) have contacts == -1.
        var contact = Load(Split("Detection", PhysionTask.Contact, false));
        var placement = Load(Split("Detection", PhysionTask.Placement, false));
        Assert.Contains("pilot_detection_0002", contact.TrainStimuli.Ids);
        Assert.DoesNotContain("pilot_detection_0002", placement.TrainStimuli.Ids);
        Assert.Contains("pilot_detection_0009", contact.TestStimuli!.Ids);
        Assert.DoesNotContain("pilot_detection_0009", placement.TestStimuli!.Ids);
    }

    [Fact]
    public void Intra_keeps_only_intra_generalizability_rows()
    {
        var all = Load(Split("Prediction", PhysionTask.Contact, false));
        var intra = Load(Split("Prediction", PhysionTask.Contact, true));
        Assert.Contains("pilot_prediction_0001", all.TrainStimuli.Ids); // intra_generalizability 0
        Assert.DoesNotContain("pilot_prediction_0001", intra.TrainStimuli.Ids);
        Assert.All(intra.TrainStimuli.Ids, id => Assert.Contains(id, all.TrainStimuli.Ids));
    }

    [Fact]
    public void The_test_split_keeps_only_stimuli_the_human_data_has_through_the_loader_it_is_given()
    {
        // pilot_detection_0012 is a test clip nobody saw.
        Assert.DoesNotContain("pilot_detection_0012", Load(Split("Detection", PhysionTask.Contact, false)).TestStimuli!.Ids);

        var swapped = Load(Split("Detection", PhysionTask.Contact, false), (_, _) => new OnlyOne("pilot_detection_0011", 0.25));
        var test = Assert.IsType<PhysionStimulusSet>(swapped.TestStimuli);
        Assert.Equal(["pilot_detection_0011"], test.Ids);
        Assert.Equal([0.25], test.HumanMeans!);
    }

    sealed class OnlyOne(string id, double mean) : IPhysionHumanStimuli
    {
        public IReadOnlySet<string> StimulusIds { get; } = new HashSet<string> { id };
        public IReadOnlyDictionary<string, double> HumanMeans { get; } = new Dictionary<string, double> { [id] = mean };
    }

    [Fact]
    public void A_label_that_is_not_a_class_id_names_the_file_and_line()
    {
        var split = Split("Detection", PhysionTask.Contact, false);
        var rows = new[] { new PhysionCsvRow("train/a.mp4", 2, 5, "x_img", true, true, 7) };
        var e = Assert.Throws<InvalidDataException>(() => split.Select(rows, train: true, null, "stim.csv"));
        Assert.Contains("stim.csv, line 7", e.Message);
    }
}
