using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;
using BBScore.Tests.Support;

namespace BBScore.Tests.Inputs;

/// <summary>Folders and CSVs of clips, sounds and texts: one kind per list, loaded in their own kind,
/// hashed over their bytes.</summary>
public class MediaStimulusListTests
{
    static string WriteWav(string folder, string name, short value, int samples = 400)
    {
        Directory.CreateDirectory(folder);
        var bytes = new byte[samples * 2];
        for (int i = 0; i < samples; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)(value * (i % 7 - 3)));
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, AudioFileDecoderTests.Wav(1, 1, 16000, 16, bytes));
        return path;
    }

    [Fact]
    public void AFolderOfSoundsLoadsAudioStimuliAndHashesTheirBytes()
    {
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "sounds");
        WriteWav(folder, "b.wav", 100);
        WriteWav(folder, "a.wav", 200);

        var list = StimulusList.Read(folder);
        Assert.Equal(StimulusFileKind.Sound, list.Kind);
        Assert.Equal(["a.wav", "b.wav"], list.Files.Select(f => f.Id));
        var set = FileStimulusSets.Create("s", list.Files, list.Kind);
        var sound = Assert.IsType<AudioStimulus>(set.Load(0));
        Assert.Equal(16000, sound.SampleRate);
        Assert.Equal(-600 / 32768f, sound.Samples[0]);
        Assert.Throws<NotSupportedException>(() => set.LoadImage(0));

        string before = set.ContentHash;
        WriteWav(folder, "a.wav", 201);
        Assert.NotEqual(before, FileStimulusSets.Create("s", list.Files, list.Kind).ContentHash);
    }

    [Fact]
    public void TextFilesAreOneStimulusEachReadAsUtf8()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "01.txt"), "Der Bär schläft.\n");
        File.WriteAllText(Path.Combine(dir.Path, "02.txt"), "second line one\nline two");
        var list = StimulusList.Read(dir.Path);
        Assert.Equal(StimulusFileKind.Text, list.Kind);
        var set = FileStimulusSets.Create("t", list.Files, list.Kind);
        Assert.Equal("Der Bär schläft.", Assert.IsType<TextStimulus>(set.Load(0)).Text);
        Assert.Equal("second line one\nline two", Assert.IsType<TextStimulus>(set.Load(1)).Text);
    }

    [Fact]
    public void ClipsLoadAtTheirNativeRateAndGifsJoinClips()
    {
        using var dir = new TempDir();
        VideoFileDecoderTests.WriteTestClip(dir.Path, "a.mp4", seconds: 0.4, fps: 10);
        VideoFileDecoderTests.Ffmpeg("-f", "lavfi", "-i", "testsrc=duration=0.3:size=32x32:rate=10", Path.Combine(dir.Path, "b.gif"));

        var list = StimulusList.Read(dir.Path);
        Assert.Equal(StimulusFileKind.Clip, list.Kind);
        var set = FileStimulusSets.Create("c", list.Files, list.Kind);
        var clip = Assert.IsType<VideoStimulus>(set.Load(0));
        Assert.Equal(4, clip.Frames.Count);
        Assert.Equal(10, clip.Fps, 6);
        Assert.Equal(3, Assert.IsType<VideoStimulus>(set.Load(1)).Frames.Count);
    }

    [Fact]
    public void AGifAmongImagesStaysAnImage()
    {
        using var dir = new TempDir();
        TestImages.WriteFolder(dir.Path, 2);
        TestImages.WritePng(Path.Combine(dir.Path, "z.gif"), 3, format: SkiaSharp.SKEncodedImageFormat.Png);
        Assert.Equal(StimulusFileKind.Image, StimulusList.Read(dir.Path).Kind);
    }

    [Fact]
    public void TextNotesBesideSoundsAreNotStimuliButCountInACsv()
    {
        using var dir = new TempDir();
        WriteWav(dir.Path, "a.wav", 5);
        dir.WriteText("README.txt", "recorded in 2024");
        var list = StimulusList.Read(dir.Path);
        Assert.Equal(["a.wav"], list.Files.Select(f => f.Id));

        dir.WriteText("exp.csv", "path\na.wav\nREADME.txt\n");
        Assert.Contains("mixes sounds (e.g. a.wav), texts (e.g. README.txt)",
            Assert.Throws<ArgumentException>(() => StimulusList.Read(Path.Combine(dir.Path, "exp.csv"))).Message);
    }

    [Fact]
    public void MixedKindsAreRefusedNamingAnExampleOfEach()
    {
        using var dir = new TempDir();
        TestImages.WriteFolder(dir.Path, 2);
        WriteWav(dir.Path, "noise.wav", 5);
        var error = Assert.Throws<ArgumentException>(() => StimulusList.Read(dir.Path));
        Assert.Contains("mixes images (e.g. img00.png), sounds (e.g. noise.wav)", error.Message);

        dir.WriteText("exp.csv", "path\nimg00.png\nnoise.wav\n");
        Assert.Contains("mixes", Assert.Throws<ArgumentException>(() => StimulusList.Read(Path.Combine(dir.Path, "exp.csv"))).Message);
    }
}
