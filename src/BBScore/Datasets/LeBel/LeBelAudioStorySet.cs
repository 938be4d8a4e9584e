using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;
using BBScore.Stimuli.Audio;

namespace BBScore.Datasets.LeBel;

/// <summary>Each story's recording (<c>LeBel2023AudioStimulusSet</c>): the WAV decoded to mono, resampled to 16 kHz, and
/// cut to its first 30 s (480,000 samples), as the original does before its audio models see it.</summary>
public sealed class LeBelAudioStorySet : IStimulusSet
{
    public const int SampleRate = AudioResampler.ModelRate;
    public const double MaxSeconds = 30;

    readonly IReadOnlyList<LeBelStory> _stories;

    public LeBelAudioStorySet(IReadOnlyList<LeBelStory> stories, string subject)
    {
        _stories = stories;
        Name = $"LeBel2023AudioStimulusSet[{subject}]";
        Ids = stories.Select(s => s.Name).ToArray();
        ContentHash = MediaFileStimulusSet.HashFiles(
            $"LeBel2023 story audio v1\n{AudioFileDecoder.Description}; resampled to {SampleRate} Hz; first {MaxSeconds} s\ncount={stories.Count}\n",
            stories.Select(s => s.StimulusPath));
    }

    public string Name { get; }
    public int Count => _stories.Count;
    public IReadOnlyList<string> Ids { get; }
    public string ContentHash { get; }
    public double[,]? Labels => null;

    public RgbImage LoadImage(int index) => throw new NotSupportedException($"{Name} holds recordings, not images; use an audio model.");

    public Stimulus Load(int index)
    {
        float[] samples = AudioResampler.At(AudioFileDecoder.Decode(_stories[index].StimulusPath), SampleRate);
        int keep = Math.Min(samples.Length, (int)(MaxSeconds * SampleRate));
        return new AudioStimulus(keep == samples.Length ? samples : samples[..keep], SampleRate);
    }
}
