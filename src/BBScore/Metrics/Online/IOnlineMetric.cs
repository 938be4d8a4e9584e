using BBScore.Metrics.Online.Streams;

namespace BBScore.Metrics.Online;

/// <summary>A metric that trains a read-out while features stream (the original's online metrics): it takes row streams,
/// so neither features nor the whole stimulus set need to fit in memory. Through <see cref="IMetric.Score"/> it also
/// takes arrays already in memory (assembly-to-assembly runs), split as the online pipeline splits.</summary>
public interface IOnlineMetric : IMetric
{
    ScoreSet Score(OnlineData data);

    /// <summary>As <see cref="Score(OnlineData)"/>, stopping between steps when <paramref name="cancel"/> fires (Ctrl+C).</summary>
    ScoreSet Score(OnlineData data, CancellationToken cancel) => Score(data);
}

/// <summary>In-memory inputs as streams.</summary>
public static class OnlineInputs
{
    public static OnlineData From(MetricInputs inputs)
    {
        var features = inputs.TrainFeatures;
        var trainX = new ArrayRowSource(features.Data, features.Rows, features.Shape.Length > 1 ? features.Shape[1..] : [1]);
        IRowSource? testX = inputs.TestFeatures is { } t ? new ArrayRowSource(t.Data, t.Rows, t.Shape.Length > 1 ? t.Shape[1..] : [1]) : null;
        IRowSource? testY = inputs.TestTargets is { } ty ? new MatrixRowSource(ty) : null;
        return OnlineData.Split(trainX, new MatrixRowSource(inputs.TrainTargets), testX, testY, inputs.Ceiling, inputs.Seed, inputs.Compat, inputs.StratifyLabels);
    }
}
