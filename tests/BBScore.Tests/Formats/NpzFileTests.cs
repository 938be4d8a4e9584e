using BBScore.Formats;

namespace BBScore.Tests.Formats;

public class NpzFileTests
{
    [Theory]
    [InlineData("arrays.npz")]
    [InlineData("arrays_compressed.npz")]
    public void Stored_and_deflated_archives_read_every_member(string file)
    {
        string path = NumpyPickleTests.Fixture(file);
        var expected = NumpyPickleTests.Json("arrays.json");
        var all = NpzFile.ReadAll(path);
        Assert.Equal(["f4", "f8", "i8", "u1", "bool", "f8_fortran", "f4_big", "unicode"], all.Select(p => p.Key));
        foreach (var (key, array) in all)
            NumpyPickleTests.AssertArray(expected.GetProperty(key), array, $"{file}:{key}");
        Assert.Equal(NpzFile.Read(path)["f8"].ToDoubles(), NpzFile.Read(path, "f8").ToDoubles());
        Assert.Equal(["f4", "f8", "i8", "u1", "bool", "f8_fortran", "f4_big", "unicode"], NpzFile.Keys(path));
    }

    [Fact]
    public void An_object_member_is_refused_with_a_clear_error()
    {
        string path = NumpyPickleTests.Fixture("object.npz");
        Assert.Equal(12, NpzFile.Read(path, "ok").Length);
        var e = Assert.Throws<InvalidDataException>(() => NpzFile.Read(path, "labels"));
        Assert.Contains("labels", e.Message);
        Assert.Contains("allow_pickle", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_missing_member_lists_the_members()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => NpzFile.Read(NumpyPickleTests.Fixture("arrays.npz"), "nope"));
        Assert.Contains("f8_fortran", e.Message);
    }

    [Fact]
    public void A_truncated_archive_is_an_error_naming_the_file()
    {
        var bytes = File.ReadAllBytes(NumpyPickleTests.Fixture("arrays_compressed.npz"));
        string path = Path.Combine(Path.GetTempPath(), $"bbscore-truncated-{Guid.NewGuid():N}.npz");
        try
        {
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            var e = Assert.Throws<InvalidDataException>(() => NpzFile.ReadAll(path));
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }
}
