using BBScore.Datasets.ImageFiles;
using BBScore.Stimuli;
using BBScore.Tests.Support;
using SkiaSharp;

namespace BBScore.Tests.Datasets;

public class ImageFileStimuliTests
{
    [Fact]
    public void FolderListsImagesInOrdinalFileNameOrderAndSkipsOthers()
    {
        using var dir = new TempDir();
        foreach (string name in new[] { "img10.png", "img2.PNG", "b.jpg", "a.bmp" })
            TestImages.WritePng(Path.Combine(dir.Path, name), 1, format: name.EndsWith("jpg") ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png);
        dir.WriteText("notes.txt", "not an image");
        dir.WriteText(".hidden.png", "not an image either");
        Directory.CreateDirectory(Path.Combine(dir.Path, "sub"));
        TestImages.WritePng(Path.Combine(dir.Path, "sub", "c.png"), 1);

        var list = StimulusList.Read(dir.Path);
        Assert.Equal(["a.bmp", "b.jpg", "img10.png", "img2.PNG"], list.Files.Select(f => f.Id));
        Assert.All(list.Files, f => Assert.Equal(StimulusSplit.Train, f.Split));
        Assert.Equal(Path.GetFileName(dir.Path), list.Name);
    }

    [Fact]
    public void CsvKeepsRowOrderResolvesRelativePathsAndReadsTheSplit()
    {
        using var dir = new TempDir();
        TestImages.WriteFolder(Path.Combine(dir.Path, "imgs"), 3);
        string absolute = Path.Combine(dir.Path, "imgs", "img00.png");
        dir.WriteText("exp.csv", $"id,Path,split,other\n1,imgs/img02.png,test,x\n2,{absolute},train,y\n3,imgs/img01.png,,z\n");

        var list = StimulusList.Read(Path.Combine(dir.Path, "exp.csv"));
        Assert.Equal("exp", list.Name);
        Assert.Equal(["imgs/img02.png", absolute, "imgs/img01.png"], list.Files.Select(f => f.Id));
        Assert.Equal([StimulusSplit.Test, StimulusSplit.Train, StimulusSplit.Train], list.Files.Select(f => f.Split));
        Assert.Equal(Path.Combine(dir.Path, "imgs", "img02.png"), list.Files[0].Path);
        Assert.Equal(2, list.Train.Count);
        Assert.Single(list.Test);
    }

    [Theory]
    [InlineData("file,split\nimgs/img00.png,train\n", "no 'path' column")]
    [InlineData("path,split\nimgs/img00.png,validation\n", "line 2: split 'validation'")]
    [InlineData("path\nimgs/missing.png\n", "image not found")]
    [InlineData("path\n", "lists no images")]
    public void BadCsvNamesTheProblem(string csv, string message)
    {
        using var dir = new TempDir();
        TestImages.WriteFolder(Path.Combine(dir.Path, "imgs"), 1);
        dir.WriteText("exp.csv", csv);
        var e = Assert.Throws<ArgumentException>(() => StimulusList.Read(Path.Combine(dir.Path, "exp.csv")));
        Assert.Contains(message, e.Message);
        Assert.Contains("exp.csv", e.Message);
    }

    [Fact]
    public void MissingAndEmptyFoldersAreNamed()
    {
        using var dir = new TempDir();
        string missing = Path.Combine(dir.Path, "nope");
        Assert.Contains("no such folder or file", Assert.Throws<ArgumentException>(() => StimulusList.Read(missing)).Message);
        Assert.Contains("no images found", Assert.Throws<ArgumentException>(() => StimulusList.Read(dir.Path)).Message);
        dir.WriteText("list.txt", "a.png");
        Assert.Contains("not a .csv", Assert.Throws<ArgumentException>(() => StimulusList.Read(Path.Combine(dir.Path, "list.txt"))).Message);
    }

    [Fact]
    public void DecodesPixelsExactlyAndDropsAlpha()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "rgba.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(2, 1, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            bitmap.SetPixel(0, 0, new SKColor(10, 20, 30, 255));
            bitmap.SetPixel(1, 0, new SKColor(200, 100, 50, 64));
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }
        RgbImage image = ImageFileDecoder.Decode(path);
        Assert.Equal((2, 1), (image.Width, image.Height));
        Assert.Equal(new byte[] { 10, 20, 30, 200, 100, 50 }, image.Pixels);
    }

    [Fact]
    public void UnreadableImageIsNamed()
    {
        using var dir = new TempDir();
        dir.WriteText("bad.png", "not a png");
        var set = new ImageFileStimulusSet("custom:x", [new StimulusFile(Path.Combine(dir.Path, "bad.png"), "bad.png", StimulusSplit.Train)]);
        var e = Assert.Throws<InvalidDataException>(() => set.LoadImage(0));
        Assert.Contains("bad.png", e.Message);
    }

    [Fact]
    public void ContentHashFollowsBytesAndOrderNotNames()
    {
        using var dir = new TempDir();
        var paths = TestImages.WriteFolder(dir.Path, 3);
        StimulusFile File(int i, string? id = null) => new(paths[i], id ?? Path.GetFileName(paths[i]), StimulusSplit.Train);
        string hash = new ImageFileStimulusSet("a", [File(0), File(1), File(2)]).ContentHash;

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, new ImageFileStimulusSet("other name", [File(0, "x"), File(1, "y"), File(2, "z")]).ContentHash);
        Assert.NotEqual(hash, new ImageFileStimulusSet("a", [File(1), File(0), File(2)]).ContentHash);
        TestImages.WritePng(paths[2], seed: 99);
        Assert.NotEqual(hash, new ImageFileStimulusSet("a", [File(0), File(1), File(2)]).ContentHash);
    }
}
