namespace BBScore.Numerics.Ridge;

/// <summary>Mean squared leave-one-out errors, alphas × targets, and scikit-learn's rule for choosing from
/// them: the smallest error wins, ties go to the earliest alpha in grid order (sklearn updates only on a
/// strictly better score). Also finds the choices that float32 errors cannot settle.</summary>
internal sealed class LooErrorTable
{
    /// <summary>Relative accuracy of the float32 LOO errors, with a margin: the largest relative difference from
    /// float64 measured was 1.3e-7 on workload-A-like data (900 × 25088) and 2.2e-6 on the n &gt; p fixture.
    /// Alphas within this of the best are compared again through exact differences
    /// (<see cref="RidgeEigenBasis.LooErrorDifferences"/>).</summary>
    public const double Float32Resolution = 1e-5;

    readonly AlphaGridPlan _plan;

    public LooErrorTable(AlphaGridPlan plan, int alphas, int targets)
    {
        _plan = plan;
        Values = new double[alphas, targets];
    }

    /// <summary>[alpha index, target]; tied alphas share their representative's value, alphas inside a straight
    /// run hold values interpolated between the run's ends (see <see cref="AlphaGridPlan"/>).</summary>
    public double[,] Values { get; }

    public int Targets => Values.GetLength(1);

    /// <summary>Stores rows[r, k] as the error of (evaluated) alpha alphaIndices[r] for target targets[k], then
    /// refreshes the tied and interpolated alphas of those targets.</summary>
    public void Store(double[,] rows, IReadOnlyList<int> alphaIndices, IReadOnlyList<int> targets)
    {
        for (int r = 0; r < alphaIndices.Count; r++)
            for (int k = 0; k < targets.Count; k++) Values[alphaIndices[r], targets[k]] = rows[r, k];
        for (int a = 0; a < _plan.Interpolation.Length; a++)
        {
            var (start, end, position) = _plan.Interpolation[a];
            if (start == a) continue;
            foreach (int j in targets) Values[a, j] = Values[start, j] + (Values[end, j] - Values[start, j]) * position;
        }
    }

    /// <summary>Replaces the errors of alphas <paramref name="others"/> by the error of <paramref name="reference"/>
    /// plus deltas[r, k] (their exact difference), for targets[k].</summary>
    public void StoreDifferences(double[,] deltas, int reference, IReadOnlyList<int> others, IReadOnlyList<int> targets)
    {
        var rows = new double[others.Count, targets.Count];
        for (int r = 0; r < others.Count; r++)
            for (int k = 0; k < targets.Count; k++) rows[r, k] = Values[reference, targets[k]] + deltas[r, k];
        Store(rows, others, targets);
    }

    /// <summary>The chosen alpha index for one target.</summary>
    public int Best(int target) => FirstMinimum(a => Values[a, target], _plan.Evaluated);

    /// <summary>The one alpha index minimising the mean error over all targets (sklearn's alpha_per_target=False:
    /// the mean over samples and targets, whose argmin equals that of the sum of per-target means).</summary>
    public int BestShared() => FirstMinimum(SharedScore, _plan.Evaluated);

    /// <summary>Targets in [start, start+count) whose best alpha is within float32 resolution of another
    /// evaluated alpha (or whose errors are not finite), grouped by the set of alphas to re-evaluate for them.</summary>
    public List<(List<int> Alphas, List<int> Targets)> NearTies(int start, int count)
    {
        // Called for every target of every chunk: direct array access and a string key built only for
        // the (few) targets that need refining.
        var groups = new Dictionary<string, (List<int> Alphas, List<int> Targets)>();
        var evaluated = _plan.Evaluated;
        var close = new List<int>(evaluated.Length);
        for (int j = start; j < start + count; j++)
        {
            CloseToBest(j, close);
            if (close.Count < 2) continue;
            string key = string.Join(",", close);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = (new List<int>(close), new List<int>());
            group.Targets.Add(j);
        }
        return groups.Values.ToList();
    }

    /// <summary>Fills <paramref name="close"/> with the evaluated alphas within float32 resolution of target j's
    /// best (all of them when an error is not finite).</summary>
    void CloseToBest(int j, List<int> close)
    {
        close.Clear();
        var evaluated = _plan.Evaluated;
        double best = double.PositiveInfinity;
        foreach (int a in evaluated)
        {
            double v = Values[a, j];
            if (!double.IsFinite(v))
            {
                close.AddRange(evaluated);
                return;
            }
            if (v < best) best = v;
        }
        double limit = best * (1 + Float32Resolution);
        foreach (int a in evaluated)
            if (Values[a, j] <= limit) close.Add(a);
    }

    /// <summary>Alphas whose shared score float32 cannot separate from the best one (one element when settled).</summary>
    public List<int> SharedNearTies() => CloseToBest(SharedScore);

    double SharedScore(int alpha)
    {
        double sum = 0;
        for (int j = 0; j < Targets; j++) sum += Values[alpha, j];
        return sum / Targets;
    }

    List<int> CloseToBest(Func<int, double> score)
    {
        var evaluated = _plan.Evaluated;
        if (evaluated.Any(a => !double.IsFinite(score(a)))) return evaluated.ToList();
        int best = FirstMinimum(score, evaluated);
        double limit = score(best) * (1 + Float32Resolution);
        return evaluated.Where(a => score(a) <= limit).ToList();
    }

    /// <summary>First index (in the given order) of the smallest score; NaN never wins.</summary>
    static int FirstMinimum(Func<int, double> score, IReadOnlyList<int> candidates)
    {
        int best = candidates[0];
        double bestScore = double.NaN;
        foreach (int a in candidates)
        {
            double s = score(a);
            if (double.IsNaN(s)) continue;
            if (double.IsNaN(bestScore) || s < bestScore)
            {
                best = a;
                bestScore = s;
            }
        }
        return best;
    }
}
