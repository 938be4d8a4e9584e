namespace BBScore.Numerics.TorchRidge;

/// <summary>A linear model whose single regularisation strength was chosen on a validation split.</summary>
/// <param name="Weights">The model refitted on all rows with <paramref name="Alpha"/>.</param>
/// <param name="Alpha">The alpha shared by all targets.</param>
/// <param name="ScannedAlphas">The grid in the order it was scanned (descending for the elastic net).</param>
/// <param name="ValidationScores">The validation score of each scanned alpha, same order.</param>
public sealed record ValidatedLinearFit(
    LinearWeights Weights,
    double Alpha,
    IReadOnlyList<double> ScannedAlphas,
    IReadOnlyList<double> ValidationScores);
