using BBScore.Stimuli;
using BBScore.Stimuli.Audio;
using BBScore.Stimuli.Video;

namespace BBScore.Datasets.ImageFiles;

/// <summary>What a user's stimulus file holds, told by its extension.</summary>
public enum StimulusFileKind { Image, Clip, Sound, Text }

/// <summary>Extensions and names of the stimulus file kinds.</summary>
public static class StimulusFileKinds
{
    /// <summary>Text stimuli: one stimulus per file, read as UTF-8.</summary>
    public static readonly IReadOnlyList<string> TextExtensions = [".txt"];

    public static IReadOnlyList<string> Extensions(StimulusFileKind kind) => kind switch
    {
        StimulusFileKind.Image => ImageFileDecoder.Extensions,
        StimulusFileKind.Clip => VideoFileDecoder.Extensions,
        StimulusFileKind.Sound => AudioFileDecoder.Extensions,
        _ => TextExtensions,
    };

    public static IReadOnlyList<string> AllExtensions { get; } =
        Enum.GetValues<StimulusFileKind>().SelectMany(Extensions).Distinct().ToArray(); // .gif is both image and clip

    /// <summary>The kind of a path by extension (any case); null when no kind claims it.</summary>
    public static StimulusFileKind? Of(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        foreach (var kind in Enum.GetValues<StimulusFileKind>())
            if (Extensions(kind).Contains(extension)) return kind;
        return null;
    }

    /// <summary>"images", "clips", "sounds", "texts".</summary>
    public static string Plural(StimulusFileKind kind) => Singular(kind) + "s";

    public static string Singular(StimulusFileKind kind) => kind.ToString().ToLowerInvariant();
}
