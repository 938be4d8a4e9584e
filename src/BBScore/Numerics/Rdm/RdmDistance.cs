namespace BBScore.Numerics.Rdm;

/// <summary>Dissimilarity between two stimulus patterns, named as scipy's <c>pdist</c> metrics.</summary>
public enum RdmDistance
{
    /// <summary>1 − Pearson r between the two patterns (rsatoolbox's and the original's default); NaN for a
    /// constant pattern, whose correlation is undefined.</summary>
    Correlation,

    /// <summary>‖a − b‖.</summary>
    Euclidean,

    /// <summary>1 − a·b / (‖a‖‖b‖); NaN for an all-zero pattern.</summary>
    Cosine,
}
