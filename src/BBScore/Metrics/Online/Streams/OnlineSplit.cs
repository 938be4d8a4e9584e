using BBScore.Numerics.CrossValidation;

namespace BBScore.Metrics.Online.Streams;

/// <summary>The online pipeline's train/validation split (spec §1.4, <c>robust_train_val_split</c>): a held-out fraction
/// (0.1) of ⌈fraction·N⌉ rows, stratified by class when the labels allow it (integer classes, at least two, each with at
/// least two rows) and otherwise a seeded random draw (regression targets). Seeded from the run's seed, so the split is
/// recorded by it; the draw is our SplitMix64 shuffle, not NumPy's, so membership differs from scikit-learn's while the
/// sizes and per-class proportions agree.</summary>
public static class OnlineSplit
{
    public const double ValidationFraction = 0.1;

    public sealed record Split(int[] Train, int[] Validation);

    /// <param name="count">Rows to split.</param>
    /// <param name="classes">Class label per row when the task is classification; null for regression.</param>
    public static Split TrainValidation(int count, int seed, int[]? classes = null, double fraction = ValidationFraction)
    {
        if (count < 2) throw new ArgumentException($"An online read-out needs at least 2 training stimuli to hold some out for validation; got {count}.");
        int held = Math.Clamp((int)Math.Ceiling(fraction * count), 1, count - 1);
        var random = new SeededRandom(seed);
        if (classes is not null && CanStratify(classes)) return Stratified(classes, held, random);
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order.AsSpan());
        return new Split(order[held..].Order().ToArray(), order[..held].Order().ToArray());
    }

    /// <summary>The original's test: at least two classes, each with at least two rows.</summary>
    public static bool CanStratify(int[] classes)
    {
        var counts = classes.CountBy(c => c).ToArray();
        return counts.Length >= 2 && counts.All(c => c.Value >= 2);
    }

    /// <summary>Each class gives its share of the held-out rows (largest remainders round), never all of its rows.</summary>
    static Split Stratified(int[] classes, int held, SeededRandom random)
    {
        var groups = Enumerable.Range(0, classes.Length).GroupBy(i => classes[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        double[] exact = groups.Select(g => held * (double)g.Length / classes.Length).ToArray();
        int[] take = exact.Select((e, i) => Math.Min((int)Math.Floor(e), groups[i].Length - 1)).ToArray();
        foreach (int i in Enumerable.Range(0, groups.Length).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i))
        {
            if (take.Sum() >= held) break;
            if (take[i] < groups[i].Length - 1) take[i]++;
        }
        var validation = new List<int>();
        var train = new List<int>();
        for (int g = 0; g < groups.Length; g++)
        {
            var rows = groups[g];
            random.Shuffle(rows.AsSpan());
            validation.AddRange(rows[..take[g]]);
            train.AddRange(rows[take[g]..]);
        }
        return new Split(train.Order().ToArray(), validation.Order().ToArray());
    }

    /// <summary>Rows <paramref name="rows"/> in a fresh seeded order for <paramref name="epoch"/> (the train loader's
    /// shuffle); the same seed and epoch give the same order in every run.</summary>
    public static int[] EpochOrder(int[] rows, int seed, int epoch)
    {
        var order = (int[])rows.Clone();
        new SeededRandom(unchecked(seed * 1_000_003L + epoch + 1)).Shuffle(order.AsSpan());
        return order;
    }
}
