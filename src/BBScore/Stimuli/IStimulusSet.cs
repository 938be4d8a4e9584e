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

    /// <summary>The stimulus as an image; sets of clips, sounds or texts say they have none.</summary>
    RgbImage LoadImage(int index);

    /// <summary>The stimulus in its own kind (image, clip, sound, text). Image sets need not implement it.</summary>
    Stimulus Load(int index) => new ImageStimulus(LoadImage(index));

    /// <summary>True when <see cref="Load"/> waits mostly on another process (ffmpeg decoding a clip): the extractor
    /// then loads the next batch while the model runs even when inference keeps every core busy, since a process
    /// start and a pipe cost this process little CPU.</summary>
    bool DecodesOutOfProcess => false;

    /// <summary>Optional per-stimulus label rows (e.g. [angle, sf, phase, colour]); null when none.</summary>
    double[,]? Labels { get; }
}
