using BBScore.Formats.Hdf5;

namespace BBScore.Datasets.LeBel;

/// <summary>Story-level fMRI (spec §2.4, <c>LeBel2023Assembly</c>): each story's run reduced to its mean over time per
/// voxel (NaN ignored, as numpy's nanmean), one row per story, NaN left after that set to 0. Stories with several runs
/// average the runs' means. Runs are read one at a time, so memory holds one run and the (stories, voxels) result.</summary>
public static class LeBelStoryAssembly
{
    public static double[,] Build(IReadOnlyList<LeBelStory> stories, Func<string, Func<float[,]>, float[,]> read)
    {
        double[,]? result = null;
        string? first = null;
        for (int s = 0; s < stories.Count; s++)
        {
            var story = stories[s];
            var sum = (double[]?)null;
            foreach (string run in story.RunPaths)
            {
                var values = read(run, () => Hf5TimeSeries.Read(run).Values);
                int voxels = values.GetLength(1);
                if (result is null)
                {
                    result = new double[stories.Count, voxels];
                    first = run;
                }
                if (voxels != result.GetLength(1))
                    throw new InvalidDataException($"{run}: {voxels} voxels, but {first} has {result.GetLength(1)}; one participant's runs share one voxel set.");
                var mean = NanMeanOverTime(values);
                sum ??= new double[voxels];
                for (int v = 0; v < voxels; v++) sum[v] += mean[v];
            }
            for (int v = 0; v < sum!.Length; v++)
            {
                double value = sum[v] / story.RunPaths.Count;
                result![s, v] = double.IsNaN(value) ? 0 : value;
            }
        }
        return result ?? throw new InvalidOperationException("LeBel2023: no stories to assemble.");
    }

    /// <summary>numpy's nanmean over axis 0: NaN where a voxel has no finite TR. Summed in double.</summary>
    public static double[] NanMeanOverTime(float[,] values)
    {
        int trs = values.GetLength(0), voxels = values.GetLength(1);
        var sum = new double[voxels];
        var count = new int[voxels];
        for (int t = 0; t < trs; t++)
            for (int v = 0; v < voxels; v++)
            {
                float x = values[t, v];
                if (float.IsNaN(x)) continue;
                sum[v] += x;
                count[v]++;
            }
        for (int v = 0; v < voxels; v++) sum[v] = count[v] == 0 ? double.NaN : sum[v] / count[v];
        return sum;
    }
}
