namespace BBScore.Report;

/// <summary>Counts of values in consecutive bins: bin i is [Edges[i], Edges[i+1]), the last bin also holds its upper
/// edge.</summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    public int Total => Counts.Sum();

    /// <summary>Equal-width bins over [<paramref name="min"/>, <paramref name="max"/>]; values outside, NaN and ±∞
    /// are not counted.</summary>
    public static Histogram Uniform(IEnumerable<double> values, double min, double max, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "A histogram needs at least one bin.");
        if (!(max > min)) throw new ArgumentException($"The range [{min}, {max}] is empty.");
        var edges = Enumerable.Range(0, bins + 1).Select(i => min + (max - min) * i / bins).ToArray();
        return WithEdges(values, edges);
    }

    /// <summary>Equal-width bins spanning the finite values (a single distinct value gets a unit-wide bin around
    /// it); no finite value gives an empty histogram.</summary>
    public static Histogram Spanning(IEnumerable<double> values, int bins)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return new Histogram([], []);
        double min = finite.Min(), max = finite.Max();
        if (min == max) (min, max) = (min - 0.5, max + 0.5);
        return Uniform(finite, min, max, bins);
    }

    /// <summary>Counts into bins with the given increasing edges.</summary>
    public static Histogram WithEdges(IEnumerable<double> values, IReadOnlyList<double> edges)
    {
        if (edges.Count < 2) throw new ArgumentException("A histogram needs at least two edges.", nameof(edges));
        var counts = new int[edges.Count - 1];
        foreach (double v in values)
        {
            if (!double.IsFinite(v) || v < edges[0] || v > edges[^1]) continue;
            int bin = UpperBound(edges, v) - 1;
            counts[Math.Clamp(bin, 0, counts.Length - 1)]++;
        }
        return new Histogram(edges.ToArray(), counts);
    }

    /// <summary>The index of the first edge greater than <paramref name="value"/>.</summary>
    static int UpperBound(IReadOnlyList<double> edges, double value)
    {
        int lo = 0, hi = edges.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (edges[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
