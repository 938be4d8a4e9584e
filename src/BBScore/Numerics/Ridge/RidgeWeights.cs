using static TorchSharp.torch;

namespace BBScore.Numerics.Ridge;

/// <summary>The weights W (features × targets) of fitted ridge models, in whichever form is smaller, with the
/// training feature means x̄ that predictions are centred by.</summary>
public abstract class RidgeWeights
{
    public abstract int Features { get; }
    public abstract int Targets { get; }

    /// <summary>(x − x̄)·W for the rows of x, float32 (rows × <see cref="Targets"/>).</summary>
    internal abstract Tensor CenteredProduct(FeatureMatrix x);

    /// <summary>W itself, features × targets, row-major float32 (like scikit-learn's <c>coef_.T</c>).</summary>
    public abstract float[] Coefficients();
}
