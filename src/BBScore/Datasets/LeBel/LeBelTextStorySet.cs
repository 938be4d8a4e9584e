using BBScore.Datasets.ImageFiles;
using BBScore.Formats.Praat;
using BBScore.Stimuli;

namespace BBScore.Datasets.LeBel;

/// <summary>Each story as one text (<c>LeBel2023StimulusSet</c>): the words of its TextGrid's <c>word</c> tier in order,
/// empty intervals dropped, joined by single spaces. Ids are the story names.</summary>
public sealed class LeBelTextStorySet : IStimulusSet
{
    public const string Description = "TextGrid word tier, empty intervals dropped, words joined by spaces";

    readonly IReadOnlyList<string> _texts;

    /// <param name="texts">Each story's text (<see cref="StoryText"/>), read when the benchmark loads so that a
    /// damaged TextGrid is found, and moved aside, before any extraction.</param>
    public LeBelTextStorySet(IReadOnlyList<LeBelStory> stories, IReadOnlyList<string> texts, string subject)
    {
        if (texts.Count != stories.Count) throw new ArgumentException($"{texts.Count} texts for {stories.Count} stories.", nameof(texts));
        _texts = texts;
        Name = $"LeBel2023StimulusSet[{subject}]";
        Ids = stories.Select(s => s.Name).ToArray();
        ContentHash = MediaFileStimulusSet.HashFiles($"LeBel2023 story texts v1\n{Description}\ncount={stories.Count}\n", stories.Select(s => s.StimulusPath));
    }

    public string Name { get; }
    public int Count => _texts.Count;
    public IReadOnlyList<string> Ids { get; }
    public string ContentHash { get; }
    public double[,]? Labels => null;

    public RgbImage LoadImage(int index) => throw new NotSupportedException($"{Name} holds story texts, not images; use a language model.");

    public Stimulus Load(int index) => new TextStimulus(_texts[index]);

    /// <summary>The story's words joined by spaces; a TextGrid without words is refused by name.</summary>
    public static string StoryText(string textGridPath)
    {
        var words = TextGridFile.ReadTier(textGridPath).Select(w => w.Text.Trim()).ToArray();
        if (words.Length == 0)
            throw new InvalidDataException($"{textGridPath}: the word tier has no words; the TextGrid is damaged. Delete it to fetch it again.");
        return string.Join(' ', words);
    }
}
