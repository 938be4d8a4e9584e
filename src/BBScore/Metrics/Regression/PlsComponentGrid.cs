using BBScore.Numerics;
using BBScore.Numerics.CrossValidation;
using BBScore.Numerics.Pls;

namespace BBScore.Metrics.Regression;

/// <summary>Chooses the number of PLS components as the original's <c>pls</c> metric does: a grid
/// of counts, each scored on one seeded 90/10 split of the training rows, best mean correlation wins.</summary>
public static class PlsComponentGrid
{
    /// <summary>The original's <c>n_components_options</c>.</summary>
    public static IReadOnlyList<int> DefaultOptions { get; } = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50];

    /// <summary>Share of the rows held out for validation (the original's <c>test_size=0.1</c>).</summary>
    public const double ValidationFraction = 0.1;

    /// <summary>The most components a fit on <paramref name="trainRows"/> rows and
    /// <paramref name="features"/> features can use: min(features, trainRows − 1), at least 1.</summary>
    /// <remarks>scikit-learn's PLSRegression (≥ 1.1) itself only rejects more components than features;
    /// it does not bound them by targets (regression deflation only removes from Y what the x scores
    /// explain, so the number of targets is no limit). But centred X
    /// has rank ≤ rows − 1: after that many components the X residual is zero and further
    /// components divide 0 by 0, so they are excluded too.</remarks>
    public static int MaxComponents(int trainRows, int features) => Math.Max(1, Math.Min(features, trainRows - 1));

    /// <summary>The options the data allow, ascending and without repeats: those ≤
    /// <see cref="MaxComponents"/>; if none is, that maximum alone.</summary>
    /// <remarks>Options above the limit are dropped rather than lowered to it: the original's grid
    /// search scores a failing count as NaN and never picks it, so dropping keeps the same candidates.
    /// The fallback keeps tiny data sets usable (with the default options: fewer than 5 features or
    /// 6 training rows), where the original fails.</remarks>
    public static IReadOnlyList<int> Clip(IReadOnlyList<int> options, int trainRows, int features)
    {
        int max = MaxComponents(trainRows, features);
        var allowed = options.Where(o => o >= 1 && o <= max).Distinct().Order().ToList();
        return allowed.Count > 0 ? allowed : [max];
    }

    /// <summary>Picks the component count from <paramref name="options"/>: rows are split 90/10 with
    /// <paramref name="seed"/>, options are clipped to the 90% part (<see cref="Clip"/>), each is
    /// fitted there and scored on the 10% by <see cref="PlsValidationScore.MeanCorrelation"/>. Ties go to
    /// the smaller count, as the original's grid search prefers the earlier option.</summary>
    /// <remarks>The split is a seeded shuffle of our own, not NumPy's RandomState(42) permutation, so the
    /// held-out rows differ from the original's. One fit with the largest count serves every option:
    /// NIPALS components do not depend on how many follow (<see cref="PlsFit.Truncate"/>).</remarks>
    public static int SelectComponents(FeatureMatrix x, double[,] y, IReadOnlyList<int> options, int seed,
        CompatMode compat = CompatMode.Fixed, CancellationToken cancel = default)
    {
        if (y.GetLength(0) != x.Rows) throw new ArgumentException($"X has {x.Rows} rows but Y has {y.GetLength(0)}.", nameof(y));
        if (options.Count == 0) throw new ArgumentException("At least one component count is needed.", nameof(options));
        var (trainRows, validationRows) = Split(x.Rows, seed);
        var candidates = Clip(options, trainRows.Length, x.Cols);
        if (candidates.Count == 1) return candidates[0];
        if (validationRows.Length < 2)
            throw new ArgumentException($"Choosing among PLS component counts needs at least 2 validation rows (11 rows in all); got {x.Rows} rows.", nameof(x));

        var fit = PlsNipals.Fit(x.SelectRows(trainRows), TargetRows.Select(y, trainRows), candidates[^1], cancel: cancel);
        var validationX = x.SelectRows(validationRows);
        var validationY = TargetRows.Select(y, validationRows);

        int best = candidates[0];
        double bestScore = double.NegativeInfinity;
        foreach (int count in candidates)
        {
            cancel.ThrowIfCancellationRequested();
            // A fit that stopped early (Y residual ~0) predicts the same with any larger count.
            var map = PlsLinearMap.From(fit.Truncate(Math.Min(count, fit.Components)));
            double score = PlsValidationScore.MeanCorrelation(validationY, map.Predict(validationX), compat);
            if (score > bestScore)
            {
                best = count;
                bestScore = score;
            }
        }
        return best;
    }

    /// <summary>Seeded shuffle of the row indices (<see cref="SeededRandom"/>, the project's
    /// version-stable generator); the first ceil(10%) are held out, as scikit-learn's train_test_split
    /// rounds the test share up. Both parts are returned in ascending order.</summary>
    static (int[] Train, int[] Validation) Split(int rows, int seed)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        new SeededRandom(seed).Shuffle<int>(order);
        int validation = (int)Math.Ceiling(ValidationFraction * rows);
        return (order[validation..].Order().ToArray(), order[..validation].Order().ToArray());
    }
}
