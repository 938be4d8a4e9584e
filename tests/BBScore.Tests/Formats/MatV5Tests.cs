using BBScore.Formats.Matlab;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

public class MatV5Tests
{
    [Fact]
    public void ComplexArrayIsRefusedNamingFileAndVariable()
    {
        using var mat = MatFile.Open(MatFixture.File("v5_complex.mat"));
        var ex = Assert.Throws<NotSupportedException>(() => mat.Read("z"));
        Assert.Contains("v5_complex.mat", ex.Message);
        Assert.Contains("'z'", ex.Message);
        Assert.Contains("complex", ex.Message);
    }

    [Fact]
    public void SparseArrayIsRefusedNamingFileAndVariable()
    {
        using var mat = MatFile.Open(MatFixture.File("v5_complex.mat"));
        var ex = Assert.Throws<NotSupportedException>(() => mat.Read("sp"));
        Assert.Contains("v5_complex.mat", ex.Message);
        Assert.Contains("'sp'", ex.Message);
        Assert.Contains("sparse", ex.Message);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5_compressed.mat")]
    public void TruncatedFileIsRefusedNamingTheFile(string fixture)
    {
        using var dir = new TempDir();
        int length = (int)new FileInfo(MatFixture.File(fixture)).Length;
        string path = MatFixture.Truncated(dir.Path, fixture, length - 37);
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Open(path));
        Assert.Contains("truncated_" + fixture, ex.Message);
    }

    [Fact]
    public void HeaderOnlyFileHasNoVariables()
    {
        using var dir = new TempDir();
        using var mat = MatFile.Open(MatFixture.Truncated(dir.Path, "v5.mat", 128));
        Assert.Empty(mat.VariableNames);
        Assert.StartsWith("MATLAB 5.0 MAT-file", ((Mat5File)mat).HeaderText);
    }

    [Fact]
    public void CompressedAndPlainFilesHoldTheSameVariables()
    {
        using var plain = MatFile.Open(MatFixture.File("v5.mat"));
        using var compressed = MatFile.Open(MatFixture.File("v5_compressed.mat"));
        Assert.Equal(plain.VariableNames, compressed.VariableNames);
        Assert.True(new FileInfo(MatFixture.File("v5_compressed.mat")).Length < new FileInfo(MatFixture.File("v5.mat")).Length);
    }
}
