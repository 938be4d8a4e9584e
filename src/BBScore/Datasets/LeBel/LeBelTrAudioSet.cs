using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;
using BBScore.Stimuli.Audio;

namespace BBScore.Datasets.LeBel;

/// <summary>Each story's recording cut into 2 s TR segments (<c>LeBel2023AudioTRStimulusSet</c>): the whole WAV as mono
/// at 16 kHz, floor(samples / 32,000) segments, plus the rest zero-padded to a segment when it is more than half a TR.
/// For a model that hears a fixed length (<see cref="Models.IFeatureModel.AudioContextSeconds"/>: Whisper's 30 s) each TR
/// is instead the window of that length ending at the TR's end (the last partial TR: at the recording's end), zero-padded
/// on the left, as the original's <c>get_tr_audio_segments_with_context</c>. A silent segment (every |x| &lt; 1e-8) has no
/// stimulus: its features are zero, as the original's. The recordings are decoded once here to find the TR counts and
/// the silent segments, and again (one story at a time) as segments are loaded.</summary>
public sealed class LeBelTrAudioSet : ILeBelTrStimuli
{
    public const int SampleRate = AudioResampler.ModelRate;
    public const double SilentBelow = 1e-8;
    public const int SegmentSamples = (int)(LeBelTrTexts.TrSeconds * SampleRate);

    readonly IReadOnlyList<LeBelStory> _stories;
    readonly Lock _lock = new();
    readonly int? _contextSamples;
    (int Story, float[] Samples)? _decoded;

    /// <param name="contextSeconds">The model's fixed input length; null for the plain 2 s segments.</param>
    public LeBelTrAudioSet(IReadOnlyList<LeBelStory> stories, string subject, double? contextSeconds = null)
    {
        _stories = stories;
        _contextSamples = contextSeconds is double c ? (int)(c * SampleRate) : null;
        var trCounts = new int[stories.Count];
        var rows = new List<(int Story, int Tr)>();
        var ids = new List<string>();
        for (int s = 0; s < stories.Count; s++)
        {
            float[] samples = Decode(s);
            trCounts[s] = Segments(samples.Length);
            for (int tr = 0; tr < trCounts[s]; tr++)
            {
                if (IsSilent(Segment(samples, tr, _contextSamples))) continue;
                rows.Add((s, tr));
                ids.Add($"{stories[s].Name}/{tr}");
            }
        }
        Layout = new LeBelTrLayout(trCounts, rows);
        Ids = ids;
        Name = $"LeBel2023AudioTRStimulusSet[{subject}]";
        ContentHash = MediaFileStimulusSet.HashFiles(
            $"LeBel2023 TR audio v1\n{AudioFileDecoder.Description}; resampled to {SampleRate} Hz; {SegmentSamples}-sample segments, " +
            $"a last partial one over half a TR zero-padded; silent below {SilentBelow}" +
            (_contextSamples is int context ? $"; each the {context}-sample window ending at the TR, left zero-padded" : "") + $"\ncount={stories.Count}\n",
            stories.Select(s => s.StimulusPath));
    }

    public LeBelTrLayout Layout { get; }
    public string Name { get; }
    public int Count => Layout.Rows.Count;
    public IReadOnlyList<string> Ids { get; }
    public string ContentHash { get; }
    public double[,]? Labels => null;

    public RgbImage LoadImage(int index) => throw new NotSupportedException($"{Name} holds recordings, not images; use an audio model.");

    public Stimulus Load(int index)
    {
        var (story, tr) = Layout.Rows[index];
        float[] samples;
        lock (_lock)
        {
            // Segments are loaded in order, so one decoded story serves all its TRs.
            if (_decoded is not { } d || d.Story != story) _decoded = (story, Decode(story));
            samples = _decoded.Value.Samples;
        }
        return new AudioStimulus(Segment(samples, tr, _contextSamples), SampleRate);
    }

    /// <summary>How many TR segments a recording of <paramref name="samples"/> samples gives.</summary>
    public static int Segments(int samples) => samples / SegmentSamples + (samples % SegmentSamples > SegmentSamples / 2 ? 1 : 0);

    /// <summary>Segment <paramref name="tr"/>: its 2 s, zero-padded at the end when the recording stops inside it; or
    /// (<paramref name="contextSamples"/>) the window of that many samples ending at the TR's end, or at the recording's
    /// end for a last partial TR, zero-padded on the left.</summary>
    public static float[] Segment(float[] samples, int tr, int? contextSamples = null)
    {
        if (contextSamples is int context)
        {
            int end = Math.Min((tr + 1) * SegmentSamples, samples.Length), begin = Math.Max(0, end - context);
            var window = new float[context];
            Array.Copy(samples, begin, window, context - (end - begin), end - begin);
            return window;
        }
        var segment = new float[SegmentSamples];
        int start = tr * SegmentSamples, length = Math.Min(SegmentSamples, samples.Length - start);
        Array.Copy(samples, start, segment, 0, length);
        return segment;
    }

    static bool IsSilent(float[] segment)
    {
        foreach (float x in segment)
            if (Math.Abs(x) >= SilentBelow) return false;
        return true;
    }

    float[] Decode(int story) => AudioResampler.At(AudioFileDecoder.Decode(_stories[story].StimulusPath), SampleRate);
}
