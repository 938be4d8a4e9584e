using BBScore.Metrics;
using BBScore.Metrics.Online.Classifier;
using BBScore.Metrics.Online.Streams;
using BBScore.Numerics.CrossValidation;

namespace BBScore.Tests.Online.Classifier;

/// <summary>Planted classification problems: Gaussian blobs, one centre per class (±<c>spread</c> on a few axes), unit
/// noise, labels 0..C−1 cycling so every class has the same share.</summary>
static class ClassifierData
{
    /// <param name="timeSteps">0: rows of [D]; T: rows of [T, D] (the class centre at every step, fresh noise per step).</param>
    public static (float[] Features, int[] Labels) Blobs(int rows, int classes, int dim, int timeSteps = 0, double spread = 4, int seed = 3)
    {
        var random = new SeededRandom(seed);
        var centres = new double[classes, dim];
        for (int c = 0; c < classes; c++)
            for (int d = 0; d < dim; d++) centres[c, d] = (Uniform(random) * 2 - 1) * spread;
        int steps = Math.Max(1, timeSteps);
        var x = new float[rows * steps * dim];
        var y = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            y[r] = r % classes;
            for (int t = 0; t < steps; t++)
                for (int d = 0; d < dim; d++) x[(r * steps + t) * dim + d] = (float)(centres[y[r], d] + Gaussian(random));
        }
        return (x, y);
    }

    /// <summary>The streams, split as the classifiers split them (stratified by the labels, a seeded tenth held out as test).</summary>
    public static OnlineData Data(float[] features, int[] labels, int timeSteps, int dim, double[]? ceiling = null, int seed = 42,
                                  CompatMode compat = CompatMode.Fixed)
    {
        int[] unit = timeSteps == 0 ? [dim] : [timeSteps, dim];
        var x = new ArrayRowSource(features, labels.Length, unit);
        var y = new ArrayRowSource(labels.Select(l => (float)l).ToArray(), labels.Length, [1]);
        return OnlineData.Split(x, y, null, null, ceiling, seed, compat, labels);
    }

    public static ClassifierSettings Small(ClassifierSettings basis) => basis with
    {
        Epochs = 12, Patience = 4, BatchSize = 16, LearningRates = [1e-2], WeightDecays = [0.0], EmbedDim = 16, NumHeads = 2, Depth = 1,
    };

    static double Uniform(SeededRandom random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    static double Gaussian(SeededRandom random)
    {
        double u1 = 1 - Uniform(random), u2 = Uniform(random);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
