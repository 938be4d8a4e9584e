namespace BBScore.Stimuli;

/// <summary>An ordered set of stimuli shown to a model. Ids are stable and the content hash
/// changes whenever any stimulus would change, so it can key the feature cache.</summary>
public interface IStimulusSet
{
    string Name { get; }
    int Count { get; }
    IReadOnlyList<string> Ids { get; }

    /// <summary>Hex digest identifying the exact stimuli (content, order, rendering parameters).</summary>
    string ContentHash { get; }

    RgbImage LoadImage(int index);

    /// <summary>Optional per-stimulus label rows (e.g. [angle, sf, phase, colour]); null when none.</summary>
    double[,]? Labels { get; }
}
