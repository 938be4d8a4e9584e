namespace BBScore.Datasets.LeBel;

/// <summary>One story a participant heard: its stimulus file (TextGrid or WAV) and its preprocessed run file(s).</summary>
public sealed record LeBelStory(string Name, string StimulusPath, IReadOnlyList<string> RunPaths);

/// <summary>Pairs stimulus files with a participant's run files by story name (the file name without its extension),
/// where the original pairs two sorted lists and silently misaligns them when one lacks a file.</summary>
public static class LeBelStories
{
    public static string NameOf(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>The participant's stories in name order. Every story with runs needs its stimulus file (otherwise an
    /// error names the run file and the missing stimulus); stimulus files of stories the participant did not hear
    /// (UTS04–08 heard a subset) are left out and counted in <paramref name="skipped"/>.</summary>
    public static IReadOnlyList<LeBelStory> Match(IEnumerable<string> stimulusPaths, IEnumerable<string> runPaths, string subject,
                                                  string stimulusKind, out IReadOnlyList<string> skipped)
    {
        var stimuli = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in stimulusPaths)
            if (!stimuli.TryAdd(NameOf(path), path))
                throw new InvalidDataException($"{path}: a second {stimulusKind} for story '{NameOf(path)}' (the first: {stimuli[NameOf(path)]}); remove one of them.");
        var runs = runPaths.GroupBy(NameOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (runs.Count == 0)
            throw new InvalidDataException($"LeBel2023: no preprocessed runs for {subject}; run 'bbscore download' for the benchmark to fetch them.");
        var stories = new List<LeBelStory>();
        foreach (var group in runs)
        {
            if (!stimuli.TryGetValue(group.Key, out string? stimulus))
                throw new InvalidDataException(
                    $"{group.First()}: {subject} has fMRI for story '{group.Key}' but there is no {stimulusKind} for it; the dataset listing is " +
                    "incomplete. Delete the dataset's .listings folder so the next run lists the bucket again.");
            stories.Add(new LeBelStory(group.Key, stimulus, group.Order(StringComparer.Ordinal).ToArray()));
        }
        skipped = stimuli.Keys.Except(runs.Select(g => g.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return stories;
    }
}
