namespace BBScore.Datasets.Physion;

/// <summary>What the Physion stimulus sets need of the human data: which stimuli people saw (the test split keeps only
/// those) and their mean response per stimulus. <see cref="PhysionHumanResponses"/> (the physion_* metrics' reader)
/// implements it; tests give their own.</summary>
public interface IPhysionHumanStimuli
{
    IReadOnlySet<string> StimulusIds { get; }

    /// <summary>Per stimulus id, the mean over presentations of the task's response variable.</summary>
    IReadOnlyDictionary<string, double> HumanMeans { get; }
}

/// <summary>Reads the human data file of <paramref name="task"/> at <paramref name="path"/>; the benchmarks take one,
/// so a different reader can be swapped in without touching them.</summary>
public delegate IPhysionHumanStimuli PhysionHumanStimuliLoader(string path, PhysionHumanTask task);
