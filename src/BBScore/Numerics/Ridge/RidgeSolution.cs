using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>A fitted multi-target ridge model: ŷ = ȳ + (x − x̄)·W, i.e. x·W + b with b = ȳ − x̄·W, plus what
/// the alpha search saw.</summary>
public sealed class RidgeSolution
{
    internal RidgeSolution(RidgeWeights weights, double[] featureMeans, double[] targetMeans, double[] intercept,
        double[] alpha, double[,]? looErrors, IReadOnlyList<double>? alphaGrid, int refinedTargets)
    {
        Weights = weights;
        FeatureMeans = featureMeans;
        TargetMeans = targetMeans;
        Intercept = intercept;
        Alpha = alpha;
        LooMeanSquaredErrors = looErrors;
        AlphaGrid = alphaGrid;
        RefinedTargets = refinedTargets;
        Edges = alphaGrid is null ? null : RidgeAlphas.CountAtEdges(alpha, alphaGrid);
    }

    public RidgeWeights Weights { get; }
    public double[] FeatureMeans { get; }
    public double[] TargetMeans { get; }

    /// <summary>b = ȳ − x̄·W per target.</summary>
    public double[] Intercept { get; }

    /// <summary>The alpha used for each target.</summary>
    public double[] Alpha { get; }

    /// <summary>Mean squared leave-one-out error [alpha index, target] (sklearn's cv_values averaged over
    /// samples); null for a fixed-alpha fit. Alphas that give the same model to float64 precision share
    /// one value, alphas inside a straight run are interpolated (see <see cref="AlphaGridPlan"/>).</summary>
    public double[,]? LooMeanSquaredErrors { get; }

    /// <summary>The alphas searched, or null for a fixed-alpha fit.</summary>
    public IReadOnlyList<double>? AlphaGrid { get; }

    /// <summary>Targets at the grid's smallest or largest alpha; null for a fixed-alpha fit.</summary>
    public AlphaGridEdges? Edges { get; }

    /// <summary>How many targets had near-tied alphas settled by exact error differences (diagnostics).</summary>
    public int RefinedTargets { get; }

    public int Features => Weights.Features;
    public int Targets => Weights.Targets;

    /// <summary>Predictions (rows × targets), computed as ȳ + (x − x̄)·W in float32 with TorchSharp.</summary>
    public double[,] Predict(FeatureMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Cols != Features) throw new ArgumentException($"The model was fitted on {Features} features; got {x.Cols}.", nameof(x));
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var predicted = Weights.CenteredProduct(x).to_type(ScalarType.Float64).add_(tensor(TargetMeans, [1, Targets]));
        var values = ManagedTensors.ToDoubles(predicted);
        var result = new double[x.Rows, Targets];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
        return result;
    }
}
