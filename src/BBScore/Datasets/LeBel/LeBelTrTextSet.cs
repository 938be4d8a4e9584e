using BBScore.Datasets.ImageFiles;
using BBScore.Formats.Praat;
using BBScore.Stimuli;

namespace BBScore.Datasets.LeBel;

/// <summary>One text per TR of every story (<c>LeBel2023TRStimulusSet</c>): the words heard by the TR's end
/// (<see cref="LeBelTrTexts"/>), given to the model as the last heard word read out after the words before it as
/// context, which is the original's cumulative text. TRs before a story's first word have no stimulus; their features
/// are zero rows (<see cref="LeBelTrLayout"/>).</summary>
public sealed class LeBelTrTextSet : ILeBelTrStimuli
{
    public const string Description = "TextGrid word tier; per 2 s TR the words whose midpoint precedes its end, the last read out; " +
        "a context longer than the window cut at a multiple of half the window";

    readonly TextStimulus[] _stimuli;

    /// <param name="stories">Each story's name, its TextGrid (for the content hash) and its words in order.</param>
    public LeBelTrTextSet(IReadOnlyList<(string Name, string TextGridPath, IReadOnlyList<TextGridInterval> Words)> stories, string subject)
    {
        var stimuli = new List<TextStimulus>();
        var rows = new List<(int Story, int Tr)>();
        var ids = new List<string>();
        var trCounts = new int[stories.Count];
        for (int s = 0; s < stories.Count; s++)
        {
            var words = stories[s].Words.Select(w => w.Text.Trim()).ToArray();
            int[] heard = LeBelTrTexts.WordsHeard(stories[s].Words);
            trCounts[s] = heard.Length;
            for (int tr = 0; tr < heard.Length; tr++)
            {
                if (heard[tr] == 0) continue;
                stimuli.Add(new TextStimulus(words[heard[tr] - 1], string.Join(' ', words.Take(heard[tr] - 1)), StridedContext: true));
                rows.Add((s, tr));
                ids.Add($"{stories[s].Name}/{tr}");
            }
        }
        _stimuli = stimuli.ToArray();
        Layout = new LeBelTrLayout(trCounts, rows);
        Ids = ids;
        Name = $"LeBel2023TRStimulusSet[{subject}]";
        ContentHash = MediaFileStimulusSet.HashFiles($"LeBel2023 TR texts v2\n{Description}\ncount={stories.Count}\n", stories.Select(s => s.TextGridPath));
    }

    /// <summary>Each story's TR count (ceil(last word's end / 2 s)) and the (story, TR) of each stimulus.</summary>
    public LeBelTrLayout Layout { get; }

    public string Name { get; }
    public int Count => _stimuli.Length;
    public IReadOnlyList<string> Ids { get; }
    public string ContentHash { get; }
    public double[,]? Labels => null;

    public RgbImage LoadImage(int index) => throw new NotSupportedException($"{Name} holds texts, not images; use a language model.");

    public Stimulus Load(int index) => _stimuli[index];
}
