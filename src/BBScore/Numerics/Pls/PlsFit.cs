namespace BBScore.Numerics.Pls;

/// <summary>What a NIPALS PLS fit produced, named as scikit-learn's PLSRegression attributes.
/// Matrices are row-major double arrays with one column per component (<see cref="Components"/>).
/// Weights and loadings refer to the standardised data (see <see cref="XScaling"/>, <see cref="YScaling"/>).</summary>
public sealed class PlsFit
{
    public PlsFit(PlsScaling xScaling, PlsScaling yScaling, int rows, int components,
        double[] xWeights, double[] yWeights, double[] xLoadings, double[] yLoadings, double[] xScores, int[] iterations)
    {
        int features = xScaling.Mean.Length, targets = yScaling.Mean.Length;
        Check(xWeights, features, components, nameof(xWeights));
        Check(yWeights, targets, components, nameof(yWeights));
        Check(xLoadings, features, components, nameof(xLoadings));
        Check(yLoadings, targets, components, nameof(yLoadings));
        Check(xScores, rows, components, nameof(xScores));
        if (iterations.Length != components) throw new ArgumentException("One iteration count per component is needed.", nameof(iterations));
        XScaling = xScaling;
        YScaling = yScaling;
        Rows = rows;
        Components = components;
        XWeights = xWeights;
        YWeights = yWeights;
        XLoadings = xLoadings;
        YLoadings = yLoadings;
        XScores = xScores;
        Iterations = iterations;
    }

    public PlsScaling XScaling { get; }
    public PlsScaling YScaling { get; }
    public int Features => XScaling.Mean.Length;
    public int Targets => YScaling.Mean.Length;
    /// <summary>Training rows.</summary>
    public int Rows { get; }

    /// <summary>Components found. Fewer than requested when the Y residual became ~0 (scikit-learn
    /// then stops and leaves the remaining columns zero, which changes none of its predictions).</summary>
    public int Components { get; }

    /// <summary>W, features × components (scikit-learn's <c>x_weights_</c>).</summary>
    public double[] XWeights { get; }
    /// <summary>targets × components (<c>y_weights_</c>).</summary>
    public double[] YWeights { get; }
    /// <summary>P, features × components (<c>x_loadings_</c>).</summary>
    public double[] XLoadings { get; }
    /// <summary>Q, targets × components (<c>y_loadings_</c>).</summary>
    public double[] YLoadings { get; }
    /// <summary>T, training rows × components (<c>x_scores_</c>).</summary>
    public double[] XScores { get; }
    /// <summary>Power-method iterations per component (<c>n_iter_</c>).</summary>
    public int[] Iterations { get; }

    /// <summary>The fit with only its first <paramref name="components"/> components. NIPALS finds
    /// components one after another and never revisits them, so this equals a fresh fit with that
    /// many components; one fit serves a whole grid of component counts.</summary>
    public PlsFit Truncate(int components)
    {
        if (components < 0 || components > Components)
            throw new ArgumentOutOfRangeException(nameof(components), $"Between 0 and {Components} components are available.");
        return new PlsFit(XScaling, YScaling, Rows, components,
            FirstColumns(XWeights, Features, components), FirstColumns(YWeights, Targets, components),
            FirstColumns(XLoadings, Features, components), FirstColumns(YLoadings, Targets, components),
            FirstColumns(XScores, Rows, components), Iterations[..components]);
    }

    double[] FirstColumns(double[] matrix, int rows, int keep)
    {
        var result = new double[(long)rows * keep];
        for (int r = 0; r < rows; r++)
            Array.Copy(matrix, (long)r * Components, result, (long)r * keep, keep);
        return result;
    }

    static void Check(double[] matrix, int rows, int columns, string name)
    {
        if (matrix.LongLength != (long)rows * columns)
            throw new ArgumentException($"{name} must hold {rows} × {columns} values, got {matrix.LongLength}.", name);
    }
}
