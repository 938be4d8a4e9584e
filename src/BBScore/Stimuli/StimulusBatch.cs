namespace BBScore.Stimuli;

/// <summary>Checks on a batch's stimulus kinds, shared by models.</summary>
public static class StimulusBatch
{
    /// <summary>The batch's images; anything else raises <see cref="NotSupportedException"/> naming what <paramref name="model"/> takes.</summary>
    public static IReadOnlyList<RgbImage> Images(IReadOnlyList<Stimulus> batch, string model) =>
        batch.Select(s => s as ImageStimulus
            ?? throw new NotSupportedException($"{model} takes still images; this batch holds {KindsOf(batch)}.")).Select(s => s.Image).ToList();

    /// <summary>The kinds in a batch, for messages: "VideoStimulus, ImageStimulus".</summary>
    public static string KindsOf(IReadOnlyList<Stimulus> batch) =>
        string.Join(", ", batch.Select(s => s.GetType().Name.Replace("Stimulus", "", StringComparison.Ordinal).ToLowerInvariant()).Distinct());
}
