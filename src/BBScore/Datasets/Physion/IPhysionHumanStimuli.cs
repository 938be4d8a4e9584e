namespace BBScore.Datasets.Physion;

/// <summary>What the Physion stimulus sets need of the human data: which stimuli people saw (the test split keeps only
/// those) and their mean response per stimulus. The full human-response reader (for the physion_* metrics) implements
/// it too; <see cref="PhysionTestStimuliFromHuman"/> is the minimal reader used until then.</summary>
public interface IPhysionHumanStimuli
{
    IReadOnlySet<string> StimulusIds { get; }

    /// <summary>Per stimulus id, the mean over presentations of the task's response variable.</summary>
    IReadOnlyDictionary<string, double> HumanMean { get; }
}

/// <summary>Reads the human data file of <paramref name="task"/> at <paramref name="path"/>; the benchmarks take one,
/// so a different reader can be swapped in without touching them.</summary>
public delegate IPhysionHumanStimuli PhysionHumanStimuliLoader(string path, PhysionTask task);
