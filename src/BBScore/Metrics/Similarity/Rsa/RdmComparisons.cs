using BBScore.Numerics.Correlation;

namespace BBScore.Metrics.Similarity.Rsa;

/// <summary>A model RDM compared with a brain RDM by every method of <see cref="VectorComparison.All"/>, and
/// the dotted score keys the RSA metrics report them under (<c>rsa_scores.spearman</c>, ..., written as nested
/// JSON objects).</summary>
internal static class RdmComparisons
{
    /// <summary>One value per method, in <see cref="VectorComparison.All"/> order.</summary>
    public static double[] All(double[] modelRdm, double[] brainRdm)
    {
        if (modelRdm.Length != brainRdm.Length)
            throw new ArgumentException(
                $"The brain RDM has {brainRdm.Length} values but the model RDM has {modelRdm.Length}; both must cover the same stimuli.");
        return VectorComparison.All.Select(m => VectorComparison.Compare(m, modelRdm, brainRdm)).ToArray();
    }

    /// <summary><c>group.method</c>, e.g. <c>rsa_scores.spearman</c>.</summary>
    public static string Key(string group, VectorComparisonMethod method) => $"{group}.{VectorComparison.Key(method)}";

    /// <summary>Adds one scalar per method under <paramref name="group"/>.</summary>
    public static void AddScalars(ScoreSet scores, string group, double[] perMethod)
    {
        for (int m = 0; m < VectorComparison.All.Count; m++) scores.Add(Key(group, VectorComparison.All[m]), perMethod[m]);
    }

    /// <summary>Adds one array per method under <paramref name="group"/>; <paramref name="perMethod"/>[i][m] is
    /// entry i (subject, time bin) of method m.</summary>
    public static void AddArrays(ScoreSet scores, string group, IReadOnlyList<double[]> perMethod)
    {
        for (int m = 0; m < VectorComparison.All.Count; m++)
            scores.Add(Key(group, VectorComparison.All[m]), perMethod.Select(values => values[m]).ToArray());
    }
}
