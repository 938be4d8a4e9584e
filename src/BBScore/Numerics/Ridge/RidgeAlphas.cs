namespace BBScore.Numerics.Ridge;

/// <summary>Regularisation grids for the ridge solvers.</summary>
public static class RidgeAlphas
{
    /// <summary>The original BBScore grid (<c>RidgeMetric.alpha_options</c>): 21 powers of ten, 1e-10 … 1e10.</summary>
    public static IReadOnlyList<double> Default { get; } = Array.AsReadOnly(new[]
    {
        1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0,
        1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
    });

    /// <summary>Throws unless the grid is non-empty and every alpha is finite and positive (as scikit-learn requires).</summary>
    public static double[] Validate(IReadOnlyList<double> alphas)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        if (alphas.Count == 0) throw new ArgumentException("The alpha grid is empty.", nameof(alphas));
        foreach (double a in alphas)
            if (!double.IsFinite(a) || a <= 0)
                throw new ArgumentException($"Every alpha must be finite and > 0; got {a}.", nameof(alphas));
        return alphas.ToArray();
    }

    /// <summary>How many targets chose the smallest or the largest alpha of the grid. Many at an edge
    /// suggests the grid is too narrow for the data (the caller decides whether to warn).</summary>
    public static AlphaGridEdges CountAtEdges(IReadOnlyList<double> chosen, IReadOnlyList<double> grid)
    {
        double smallest = grid.Min(), largest = grid.Max();
        int atSmallest = 0, atLargest = 0;
        foreach (double a in chosen)
        {
            if (a == smallest) atSmallest++;
            if (a == largest) atLargest++;
        }
        return new AlphaGridEdges(atSmallest, atLargest, chosen.Count, smallest, largest);
    }
}

/// <summary>Targets whose chosen alpha is the grid's smallest or largest value.</summary>
public sealed record AlphaGridEdges(int AtSmallest, int AtLargest, int Targets, double SmallestAlpha, double LargestAlpha)
{
    public double FractionAtEdges => Targets == 0 ? 0 : (double)(AtSmallest + AtLargest) / Targets;
}
