namespace BBScore.Datasets.ImageFiles;

public enum StimulusSplit { Train, Test }

/// <summary>One file (image, clip, sound or text) of a user's stimulus list: its full path, its id (the file name for a folder,
/// the path as written for a CSV) and the split it belongs to.</summary>
public sealed record StimulusFile(string Path, string Id, StimulusSplit Split);
