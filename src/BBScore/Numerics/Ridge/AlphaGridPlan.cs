namespace BBScore.Numerics.Ridge;

/// <summary>Which alphas of a grid need their LOO errors computed, decided from the filter shapes
/// (<see cref="RidgeEigenBasis.FilterShape"/>) before looking at any target.
/// <para><b>Ties.</b> Alphas whose shapes differ by less than <see cref="TieTolerance"/> give the same model to
/// float64 precision (e.g. 1e-10, 1e-9 and 1e-8 when K's smallest eigenvalue is 1.6e4): their LOO errors
/// differ only by rounding, and scikit-learn's pick among them is decided by float64 noise. They share the
/// value of the first of them in grid order, which is what an exact tie gives in sklearn. (Checked on
/// 600 × 12000 NSD-like data: for the 243 targets whose best alpha was in such a group the errors differed by
/// &lt; 5e-15 relative; sklearn picked 1e-9 for 41 of them, exact error differences favour 1e-10 for all.)</para>
/// <para><b>Straight runs.</b> Where the shapes move by less than <see cref="LinearTolerance"/> over a run of
/// consecutive alphas (α ≪ smallest eigenvalue, or α ≫ largest), the filter, and with it the LOO error, is a
/// linear function of the shape's position along the run, to (LinearTolerance)² relative. Only the run's two
/// ends are evaluated; the errors in between are interpolated (for reporting) and can never be strictly
/// smaller than both ends, so choosing among the evaluated alphas chooses among all.</para></summary>
internal sealed class AlphaGridPlan
{
    public const double TieTolerance = 1e-12;
    public const double LinearTolerance = 1e-7;

    AlphaGridPlan(int[] evaluated, (int Start, int End, double Position)[] interpolation)
    {
        Evaluated = evaluated;
        Interpolation = interpolation;
    }

    /// <summary>The alpha indices whose errors are computed, in grid order: the only candidates for the best alpha.</summary>
    public int[] Evaluated { get; }

    /// <summary>For each alpha index: the evaluated ends (Start, End) of its run and its position in [0, 1]
    /// between them; an evaluated alpha or a tied one has Start = End = its representative.</summary>
    public (int Start, int End, double Position)[] Interpolation { get; }

    public static AlphaGridPlan Build(RidgeEigenBasis basis)
    {
        var shapes = basis.Alphas.Select(basis.FilterShape).ToArray();
        var representative = Representatives(shapes);
        var interpolation = representative.Select(r => (r, r, 0.0)).ToArray();
        var distinct = representative.Distinct().Order().ToArray();
        // Runs are only formed along a sorted grid (consecutive alphas); an unsorted grid is evaluated in full.
        bool sorted = basis.Alphas.Zip(basis.Alphas.Skip(1)).All(p => p.First <= p.Second);
        var evaluated = new List<int>();
        int runStart = 0;
        while (runStart < distinct.Length)
        {
            int runEnd = runStart;
            while (sorted && runEnd + 1 < distinct.Length
                   && Distance(shapes[distinct[runStart]], shapes[distinct[runEnd + 1]]) < LinearTolerance)
                runEnd++;
            int first = distinct[runStart], last = distinct[runEnd];
            evaluated.Add(first);
            if (last != first)
            {
                evaluated.Add(last);
                double span = Distance(shapes[first], shapes[last]);
                for (int i = 0; i < representative.Length; i++)
                {
                    int r = representative[i];
                    if (r > first && r < last) interpolation[i] = (first, last, Distance(shapes[first], shapes[r]) / span);
                }
            }
            runStart = runEnd + 1;
        }
        return new AlphaGridPlan(evaluated.ToArray(), interpolation);
    }

    /// <summary>For each alpha, the first alpha in grid order whose shape is within <see cref="TieTolerance"/>.</summary>
    static int[] Representatives(double[][] shapes)
    {
        var representative = new int[shapes.Length];
        for (int i = 0; i < shapes.Length; i++)
        {
            representative[i] = i;
            for (int j = 0; j < i; j++)
            {
                if (representative[j] == j && Distance(shapes[i], shapes[j]) < TieTolerance)
                {
                    representative[i] = j;
                    break;
                }
            }
        }
        return representative;
    }

    static double Distance(double[] a, double[] b)
    {
        double max = 0;
        for (int k = 0; k < a.Length; k++) max = Math.Max(max, Math.Abs(a[k] - b[k]));
        return max;
    }
}
