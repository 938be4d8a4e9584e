namespace BBScore.Datasets.LeBel;

/// <summary>The split-half reliability of repeated runs of one story (spec §2.4, <c>compute_splithalf_ceiling.py</c>):
/// runs 1, 3, 5, … averaged against runs 2, 4, 6, …; per voxel the Pearson r of the two halves over time (a denominator
/// below 1e-10 counts as 1), clipped at 0 and Spearman–Brown corrected, 2r / (1 + r); and per TR the same across the
/// voxels whose corrected r exceeds 0.15. Runs are added one at a time, so memory holds two running sums, not every run.</summary>
public sealed class LeBelSplitHalf(int trs, int voxels)
{
    readonly double[,] _odd = new double[trs, voxels], _even = new double[trs, voxels];
    int _oddRuns, _evenRuns;

    public int Runs => _oddRuns + _evenRuns;

    /// <summary>Adds the next run, cleaned, as (TRs ≥ <c>trs</c>, voxels); TRs past <c>trs</c> (the shortest run's) are dropped.</summary>
    public void Add(double[,] run)
    {
        if (run.GetLength(0) < trs || run.GetLength(1) != voxels)
            throw new ArgumentException($"A run of ({run.GetLength(0)}, {run.GetLength(1)}) for ({trs}, {voxels}).", nameof(run));
        // The original's odd half is run indices 0, 2, 4, …
        var sum = Runs % 2 == 0 ? _odd : _even;
        if (Runs % 2 == 0) _oddRuns++;
        else _evenRuns++;
        for (int t = 0; t < trs; t++)
            for (int v = 0; v < voxels; v++) sum[t, v] += run[t, v];
    }

    /// <summary>Per voxel the corrected split-half r, and per TR the corrected spatial r on the voxels above 0.15.</summary>
    public (double[] PerVoxel, double[] PerTrSpatial) Compute()
    {
        if (_evenRuns == 0) throw new InvalidOperationException($"Split-half reliability needs at least 2 runs; got {Runs}.");
        var odd = Mean(_odd, _oddRuns);
        var even = Mean(_even, _evenRuns);
        var perVoxel = new double[voxels];
        for (int v = 0; v < voxels; v++)
            perVoxel[v] = SpearmanBrown(Pearson(t => odd[t, v], t => even[t, v], trs));
        int[] reliable = Enumerable.Range(0, voxels).Where(v => perVoxel[v] > LeBelCeiling.ReliableAbove).ToArray();
        var perTr = new double[trs];
        for (int t = 0; t < trs; t++)
            perTr[t] = SpearmanBrown(Pearson(k => odd[t, reliable[k]], k => even[t, reliable[k]], reliable.Length));
        return (perVoxel, perTr);
    }

    static double[,] Mean(double[,] sum, int runs)
    {
        var mean = (double[,])sum.Clone();
        for (int t = 0; t < mean.GetLength(0); t++)
            for (int v = 0; v < mean.GetLength(1); v++) mean[t, v] /= runs;
        return mean;
    }

    /// <summary>The original's vectorised Pearson r: centred sums, a denominator below 1e-10 replaced by 1 (so a constant
    /// series gives 0, not NaN). NaN for an empty series (numpy's mean of nothing).</summary>
    static double Pearson(Func<int, double> x, Func<int, double> y, int n)
    {
        if (n == 0) return double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x(i); my += y(i); }
        mx /= n;
        my /= n;
        double num = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double a = x(i) - mx, b = y(i) - my;
            num += a * b;
            sxx += a * a;
            syy += b * b;
        }
        double denominator = Math.Sqrt(sxx * syy);
        return num / (denominator < 1e-10 ? 1 : denominator);
    }

    static double SpearmanBrown(double r)
    {
        double clipped = Math.Max(r, 0); // NaN stays NaN, as np.clip leaves it
        return double.IsNaN(r) ? r : 2 * clipped / (1 + clipped);
    }
}
