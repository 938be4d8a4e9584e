namespace BBScore.Datasets.Bmd;

/// <summary>Where one participant's files sit under the GLM derivatives folder
/// (<c>derivatives/versionB/MNI152/GLM/</c> of OpenNeuro ds005165), relative to it.</summary>
public sealed record BmdSubjectFiles(string Subject)
{
    public string Betas(bool train) =>
        $"{Subject}/prepared_betas/{Subject}_organized_betas_task-{(train ? "train" : "test")}_normalized.pkl";

    /// <summary>The noise ceilings from 3 train or 10 test repetitions (the file names say which).</summary>
    public string NoiseCeiling(bool train) =>
        $"{Subject}/prepared_betas/{Subject}_noiseceiling_task-{(train ? "train_n-3" : "test_n-10")}.pkl";

    public string Roi(string name) => $"{Subject}/ROIs/ROI-{name}_indices.pkl";

    /// <summary>Every file a region needs from this participant.</summary>
    public IEnumerable<string> For(string region) =>
        BmdRegions.Files[region].Select(Roi).Concat([Betas(true), Betas(false), NoiseCeiling(true), NoiseCeiling(false)]);
}
