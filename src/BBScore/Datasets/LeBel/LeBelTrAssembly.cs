namespace BBScore.Datasets.LeBel;

/// <summary>One story's TR-level fMRI (spec §2.4, <c>LeBel2023TRAssembly</c>): the story's runs cut to the shortest run's
/// TR count and averaged per TR and voxel ignoring NaN (numpy's nanmean over runs), then NaN set to 0.</summary>
public static class LeBelTrAssembly
{
    public static float[,] Story(IReadOnlyList<float[,]> runs, IReadOnlyList<string> runPaths)
    {
        if (runs.Count == 0) throw new ArgumentException("A story needs at least one run.", nameof(runs));
        int voxels = runs[0].GetLength(1), trs = runs.Min(r => r.GetLength(0));
        for (int r = 1; r < runs.Count; r++)
            if (runs[r].GetLength(1) != voxels)
                throw new InvalidDataException($"{runPaths[r]}: {runs[r].GetLength(1)} voxels, but {runPaths[0]} has {voxels}; the runs of one story share one voxel set.");
        var result = new float[trs, voxels];
        for (int t = 0; t < trs; t++)
            for (int v = 0; v < voxels; v++)
            {
                double sum = 0;
                int count = 0;
                foreach (var run in runs)
                {
                    float x = run[t, v];
                    if (float.IsNaN(x)) continue;
                    sum += x;
                    count++;
                }
                result[t, v] = count == 0 ? 0 : (float)(sum / count);
            }
        return result;
    }
}
