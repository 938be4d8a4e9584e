namespace BBScore.Numerics.Statistics;

/// <summary>
/// Compares a model RDM with a brain RDM over a bootstrap resample of their stimuli without building the
/// resampled RDMs. rsatoolbox's pattern bootstrap keeps, for drawn stimuli i ≠ j, every copy of the pair
/// (i, j) and drops the pairs of a stimulus with its own copies (its "trivially predictable" zeros become
/// NaN). That vector is the original pairs repeated c_i·c_j times (c = draw counts), so Pearson (rsatoolbox
/// <c>corr</c>) and <c>cosine</c> are weighted sums, and Spearman is the weighted Pearson of weighted average
/// ranks: a pair's rank is the weight of all smaller values plus (the weight of its tie group + 1)/2, which is
/// scipy's <c>rankdata</c> of the repeated vector. Each RDM is sorted once; a resample costs O(pairs).
/// </summary>
public sealed class ResampledRdmComparison
{
    readonly int _stimuli;
    readonly double[] _model;
    readonly SortedRanks _modelOrder;

    /// <param name="modelRdm">Condensed upper triangle (scipy's squareform order) over <paramref name="stimuli"/>.</param>
    public ResampledRdmComparison(double[] modelRdm, int stimuli)
    {
        if (modelRdm.Length != (long)stimuli * (stimuli - 1) / 2)
            throw new ArgumentException($"a condensed RDM of {stimuli} stimuli has {(long)stimuli * (stimuli - 1) / 2} values, not {modelRdm.Length}");
        _stimuli = stimuli;
        _model = modelRdm;
        _modelOrder = new SortedRanks(modelRdm);
    }

    /// <summary>Sorts a brain RDM once for <see cref="Compare"/>.</summary>
    public SortedRanks Prepare(double[] brainRdm) =>
        brainRdm.Length == _model.Length ? new SortedRanks(brainRdm) : throw new ArgumentException($"the brain RDM has {brainRdm.Length} values, the model's {_model.Length}");

    /// <summary>Pair weights c_i·c_j of a resample, in condensed order, into <paramref name="weights"/>.</summary>
    public void Weights(ReadOnlySpan<double> counts, Span<double> weights)
    {
        int p = 0;
        for (int i = 0; i < _stimuli; i++)
        {
            double ci = counts[i];
            for (int j = i + 1; j < _stimuli; j++) weights[p++] = ci * counts[j];
        }
    }

    /// <summary>Spearman, Pearson and cosine of the resampled vectors (NaN where a vector is constant; cosine 0 when a
    /// norm is 0, as rsatoolbox). <paramref name="scratch"/> needs 2 × pairs doubles.</summary>
    public (double Spearman, double Pearson, double Cosine) Compare(SortedRanks brain, ReadOnlySpan<double> weights, Span<double> scratch)
    {
        var modelRanks = scratch[.._model.Length];
        var brainRanks = scratch[_model.Length..(2 * _model.Length)];
        _modelOrder.Rank(weights, modelRanks);
        brain.Rank(weights, brainRanks);
        double pearson = WeightedPearson(_model, brain.Values, weights, out double cosine);
        return (WeightedPearson(modelRanks, brainRanks, weights, out _), pearson, cosine);
    }

    static double WeightedPearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> w, out double cosine)
    {
        double sw = 0, sx = 0, sy = 0;
        for (int p = 0; p < w.Length; p++)
        {
            double wp = w[p];
            if (wp == 0) continue;
            sw += wp;
            sx += wp * x[p];
            sy += wp * y[p];
        }
        double mx = sx / sw, my = sy / sw;
        double sxx = 0, syy = 0, sxy = 0, rxx = 0, ryy = 0, rxy = 0;
        for (int p = 0; p < w.Length; p++)
        {
            double wp = w[p];
            if (wp == 0) continue;
            double dx = x[p] - mx, dy = y[p] - my;
            sxx += wp * dx * dx;
            syy += wp * dy * dy;
            sxy += wp * dx * dy;
            rxx += wp * x[p] * x[p];
            ryy += wp * y[p] * y[p];
            rxy += wp * x[p] * y[p];
        }
        cosine = rxx > 0 && ryy > 0 ? rxy / Math.Sqrt(rxx * ryy) : 0.0;
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }
}

/// <summary>An RDM's values with their ascending order and tie groups, to rank any weighting of them in one pass.</summary>
public sealed class SortedRanks
{
    readonly int[] _order;
    readonly int[] _groupEnd; // for each position in the order, the end (exclusive) of its tie group

    public SortedRanks(double[] values)
    {
        if (values.Any(double.IsNaN)) throw new ArgumentException("an RDM with NaN values cannot be bootstrapped");
        Values = values;
        _order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(values.ToArray(), _order);
        _groupEnd = new int[values.Length];
        for (int k = values.Length - 1; k >= 0; k--)
            _groupEnd[k] = k + 1 < values.Length && values[_order[k + 1]] == values[_order[k]] ? _groupEnd[k + 1] : k + 1;
    }

    public double[] Values { get; }

    /// <summary>scipy's average ranks of the vector in which value p appears <paramref name="weights"/>[p] times
    /// (weights are whole numbers; zero-weight values get no rank).</summary>
    public void Rank(ReadOnlySpan<double> weights, Span<double> ranks)
    {
        double below = 0;
        int k = 0;
        while (k < _order.Length)
        {
            int end = _groupEnd[k];
            double group = 0;
            for (int q = k; q < end; q++) group += weights[_order[q]];
            double rank = below + (group + 1) / 2;
            for (int q = k; q < end; q++) ranks[_order[q]] = rank;
            below += group;
            k = end;
        }
    }
}
