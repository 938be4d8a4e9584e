namespace BBScore.Models;

/// <summary>One row of <c>bbscore list models</c>.</summary>
/// <param name="Key">The id to pass to <see cref="ModelCatalog.Open"/>.</param>
/// <param name="Kind">Input modality, e.g. <c>image</c>.</param>
/// <param name="Source">Where the weights come from.</param>
/// <param name="Status"><c>ready</c> when the weights are on this machine, <c>missing</c> otherwise.</param>
public sealed record ModelCardSummary(string Key, string Kind, string Source, string Status);
