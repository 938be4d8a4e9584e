using System.Text;
using BBScore.Stimuli.Video;

namespace BBScore.Tests.Inputs;

/// <summary>The PPM frames ffmpeg pipes for a clip: read into frames, and every malformed stream refused by name.</summary>
public sealed class PpmFrameReaderTests
{
    static byte[] Frame(int width, int height, byte value, string separator = "\n") =>
        [.. Encoding.ASCII.GetBytes($"P6{separator}{width} {height}{separator}255\n"), .. Enumerable.Repeat(value, width * height * 3)];

    [Fact]
    public void ReadsFramesBackToBack()
    {
        var frames = PpmFrameReader.ReadAll(new MemoryStream([.. Frame(3, 2, 7), .. Frame(3, 2, 9, "\r\n")]), "clip.mp4");
        Assert.Equal(2, frames.Count);
        Assert.All(frames, f => Assert.Equal((3, 2), (f.Width, f.Height)));
        Assert.All(frames[0].Pixels, b => Assert.Equal(7, b));
        Assert.All(frames[1].Pixels, b => Assert.Equal(9, b));
        Assert.Empty(PpmFrameReader.ReadAll(new MemoryStream(), "clip.mp4"));
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "no P6 signature", [.. Encoding.ASCII.GetBytes("P5\n1 1\n255\n"), 0] },
        { "maxval 65535", [.. Encoding.ASCII.GetBytes("P6\n1 1\n65535\n"), 0, 0, 0, 0, 0, 0] },
        { "a damaged header", Encoding.ASCII.GetBytes("P6\n1 x\n255\n") },
        { "a header number is too long", Encoding.ASCII.GetBytes("P6\n123456789 1\n255\n") },
        { "outside 1..", Encoding.ASCII.GetBytes("P6\n9999999 9999999\n255\n") },
        { "the frame's pixels end early", [.. Encoding.ASCII.GetBytes("P6\n2 2\n255\n"), 1, 2, 3] },
        { "size changes mid-stream", [.. Frame(1, 1, 0), .. Frame(2, 1, 0)] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFramesNameTheClip(string expected, byte[] bytes)
    {
        var e = Assert.Throws<InvalidDataException>(() => PpmFrameReader.ReadAll(new MemoryStream(bytes), "/data/clip.mp4"));
        Assert.StartsWith("/data/clip.mp4:", e.Message);
        Assert.Contains(expected, e.Message);
    }
}
