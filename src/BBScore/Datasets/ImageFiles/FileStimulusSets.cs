using BBScore.Stimuli;

namespace BBScore.Datasets.ImageFiles;

/// <summary>The stimulus set for files of one kind: images keep their own set (and content hash) as
/// before clips, sounds and texts were accepted.</summary>
public static class FileStimulusSets
{
    public static IStimulusSet Create(string name, IReadOnlyList<StimulusFile> files, StimulusFileKind kind) =>
        kind == StimulusFileKind.Image ? new ImageFileStimulusSet(name, files) : new MediaFileStimulusSet(name, files, kind);
}
