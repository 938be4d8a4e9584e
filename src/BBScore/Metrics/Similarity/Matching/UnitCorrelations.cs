using BBScore.Numerics;
using BBScore.Numerics.Correlation;
using BBScore.Numerics.Ridge;
using static TorchSharp.torch;

namespace BBScore.Metrics.Similarity.Matching;

/// <summary>Pearson r between every source unit (feature column) and every target unit (target
/// column) over the same stimuli: the D × T matrix the matching metrics work on.</summary>
internal static class UnitCorrelations
{
    /// <summary>r[i, j] = Pearson(features[:, i], targets[:, j]); NaN where either unit is constant.</summary>
    public static double[,] Compute(FeatureMatrix features, double[,] targets)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = ManagedTensors.View(features.Data, features.Rows, features.Cols);
        var y = from_array(targets);
        return PearsonMatrix.ToArray(PearsonMatrix.BetweenColumns(x, y));
    }

    /// <summary>The matching metrics' reading of an undefined correlation (a unit constant over these
    /// stimuli): 0, "no linear relation", the same as soft_matching's NaN distance → 1. So a constant
    /// unit can still be matched but adds nothing, and a score never turns NaN because of one dead unit.</summary>
    public static double Defined(double r) => double.IsNaN(r) ? 0.0 : r;
}
