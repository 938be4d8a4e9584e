namespace BBScore.Metrics.Online.Streams;

/// <summary>What an online metric trains and tests on: features and targets as row streams, the training and validation
/// rows of the training streams, the held-out test streams and their rows (all of them, or a held-out part of the training streams when no test set was given), the ceiling, and the run's seed. The streams belong to the
/// caller (disposed there).</summary>
public sealed record OnlineData(
    IRowSource TrainFeatures,
    IRowSource TrainTargets,
    int[] TrainRows,
    int[] ValidationRows,
    IRowSource TestFeatures,
    IRowSource TestTargets,
    int[] TestRows,
    double[]? Ceiling = null,
    int Seed = 42,
    CompatMode Compat = CompatMode.Fixed)
{
    /// <summary>The test stimuli's ids, in <see cref="TestFeatures"/>' row order (behavioural metrics match them with
    /// human responses); null when the rows have no ids.</summary>
    public IReadOnlyList<string>? TestIds { get; init; }

    /// <summary>Classification benchmarks: the number of classes they define (Physion placement: 256), which can exceed
    /// the largest label present; null: the metric's own setting or the largest label + 1.</summary>
    public int? NumClasses { get; init; }

    /// <summary>Training features for one epoch (1-based) when they change from epoch to epoch (augmented clips, run
    /// through the model each epoch instead of read from the cache); null: <see cref="TrainFeatures"/> every epoch. The
    /// validation rows always read <see cref="TrainFeatures"/> (clean).</summary>
    public Func<int, IRowSource>? EpochTrainFeatures { get; init; }

    /// <summary>The features training reads in <paramref name="epoch"/>.</summary>
    public IRowSource TrainFeaturesFor(int epoch) => EpochTrainFeatures?.Invoke(epoch) ?? TrainFeatures;

    /// <summary>Builds the data from streams: the training rows split 90/10 into training and validation (stratified by
    /// <paramref name="classes"/> when given); without a test set, a seeded tenth of the rows is held out as the test set first.</summary>
    public static OnlineData Split(IRowSource trainFeatures, IRowSource trainTargets, IRowSource? testFeatures, IRowSource? testTargets,
                                   double[]? ceiling, int seed, CompatMode compat, int[]? classes = null)
    {
        int[] pool = Enumerable.Range(0, trainFeatures.Rows).ToArray();
        int[] testRows;
        if (testFeatures is null || testTargets is null)
        {
            var held = OnlineSplit.TrainValidation(pool.Length, unchecked(seed + 7919), classes);
            (pool, testRows) = (held.Train, held.Validation);
            (testFeatures, testTargets) = (trainFeatures, trainTargets);
        }
        else testRows = Enumerable.Range(0, testFeatures.Rows).ToArray();
        var split = OnlineSplit.TrainValidation(pool.Length, seed, classes is null ? null : pool.Select(r => classes[r]).ToArray());
        return new OnlineData(trainFeatures, trainTargets, split.Train.Select(i => pool[i]).ToArray(), split.Validation.Select(i => pool[i]).ToArray(),
            testFeatures, testTargets, testRows, ceiling, seed, compat);
    }

    /// <summary>True when the test rows are a held-out part of the training streams.</summary>
    public bool TestIsHeldOut => ReferenceEquals(TestFeatures, TrainFeatures);

    /// <summary>Checks that the streams pair up (same rows for features and targets, same widths for train and test).</summary>
    public void Validate()
    {
        if (TrainFeatures.Rows != TrainTargets.Rows)
            throw new ArgumentException($"The training features have {TrainFeatures.Rows} rows but the targets {TrainTargets.Rows}; both need one row per stimulus.");
        if (TestFeatures.Rows != TestTargets.Rows)
            throw new ArgumentException($"The test features have {TestFeatures.Rows} rows but the test targets {TestTargets.Rows}; both need one row per stimulus.");
        if (TestFeatures.RowLength != TrainFeatures.RowLength)
            throw new ArgumentException($"Training features have {TrainFeatures.RowLength} values per stimulus but test features {TestFeatures.RowLength}.");
        if (TestTargets.RowLength != TrainTargets.RowLength)
            throw new ArgumentException($"Training targets have {TrainTargets.RowLength} values per stimulus but test targets {TestTargets.RowLength}.");
        if (Ceiling is { Length: > 1 } c && c.Length != TrainTargets.RowLength)
            throw new ArgumentException($"The ceiling has {c.Length} values for {TrainTargets.RowLength} targets; give one per target or one for all.");
    }
}
