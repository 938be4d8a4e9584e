namespace BBScore.Numerics.Correlation;

/// <summary>Ranks 1..n with tied values sharing the mean of the ranks they span (scipy's
/// <c>rankdata(method='average')</c>), the ranking behind Spearman's rho.</summary>
public static class AverageRanks
{
    public static double[] Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var sorted = values.ToArray();
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(sorted, order);
        var ranks = new double[n];
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && sorted[end] == sorted[start]) end++;
            // Ranks start+1 .. end share their mean.
            double shared = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) ranks[order[k]] = shared;
            start = end;
        }
        return ranks;
    }
}
