namespace BBScore.Datasets.LeBel;

/// <summary>The eight participants of LeBel et al. 2023 (ds003020): UTS01 … UTS08. UTS01–03 heard all 84 stories,
/// UTS04–08 a subset, so a participant's stories are those its preprocessed data holds.</summary>
public static class LeBelSubjects
{
    public static IReadOnlyList<string> All { get; } = Enumerable.Range(1, 8).Select(i => $"UTS{i:D2}").ToArray();

    /// <summary>The participant named <paramref name="subject"/> (any case), or an error listing the valid names.</summary>
    public static string Require(string subject) =>
        All.FirstOrDefault(s => string.Equals(s, subject, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{subject}' is not a LeBel2023 participant; use one of {string.Join(", ", All)}.");
}
