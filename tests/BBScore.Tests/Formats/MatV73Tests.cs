using BBScore.Formats.Matlab;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

public class MatV73Tests
{
    [Fact]
    public void UnsupportedClassIsRefusedNamingFileVariableAndClass()
    {
        using var mat = MatFile.Open(MatFixture.File("v73.mat"));
        var ex = Assert.Throws<NotSupportedException>(() => mat.Read("fn_handle"));
        Assert.Contains("v73.mat", ex.Message);
        Assert.Contains("'fn_handle'", ex.Message);
        Assert.Contains("function_handle", ex.Message);
    }

    [Fact]
    public void ComplexArrayIsRefused()
    {
        using var mat = MatFile.Open(MatFixture.File("v73.mat"));
        var ex = Assert.Throws<NotSupportedException>(() => mat.Read("z_complex"));
        Assert.Contains("'z_complex'", ex.Message);
        Assert.Contains("complex", ex.Message);
    }

    [Fact]
    public void StructFieldsFollowMatlabFieldsOrder()
    {
        using var mat = MatFile.Open(MatFixture.File("v73.mat"));
        var st = Assert.IsType<MatStruct>(mat.Read("st_meta"));
        var expected = MatFixture.Variable("st_meta").GetProperty("v73_field_order").EnumerateArray().Select(x => x.GetString()!);
        Assert.Equal(expected, st.FieldNames);
    }

    [Fact]
    public void TruncatedFileIsRefusedNamingTheFile()
    {
        using var dir = new TempDir();
        int length = (int)new FileInfo(MatFixture.File("v73.mat")).Length;
        string path = MatFixture.Truncated(dir.Path, "v73.mat", length / 2);
        var ex = Record.Exception(() =>
        {
            using var mat = MatFile.Open(path);
            foreach (var name in mat.VariableNames.Where(n => n is not ("fn_handle" or "z_complex")))
                mat.Read(name);
        });
        var invalid = Assert.IsType<InvalidDataException>(ex);
        Assert.Contains("truncated_v73.mat", invalid.Message);
    }

    [Fact]
    public void HeaderWithoutHdf5IsRefusedNamingTheFile()
    {
        using var dir = new TempDir();
        string path = MatFixture.Truncated(dir.Path, "v73.mat", 300);
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Open(path));
        Assert.Contains("truncated_v73.mat", ex.Message);
        Assert.Contains("7.3", ex.Message);
    }

    [Fact]
    public void ReferenceAddressIndexStillWorksWithThisPureHdf()
    {
        // Guards the reflection on PureHDF 2.2.0 internals that keeps cell reads O(N) instead of O(N²).
        using var mat = (Mat73File)MatFile.Open(MatFixture.File("v73.mat"));
        var cell = Assert.IsType<MatCell>(mat.Read("c_paths"));
        Assert.Equal(cell.Items.Count, mat.FastReferenceHits);
    }
}

public class MatV73AsStoredTests
{
    [Theory]
    [InlineData("a_double")]
    [InlineData("a_uint16")]
    [InlineData("a_3d")]
    public void AsStoredIsTheReversedShapeTranspose(string name)
    {
        using var mat = (Mat73File)MatFile.Open(MatFixture.File("v73.mat"));
        var matlab = (MatNumeric)mat.Read(name);
        var stored = mat.ReadNumericAsStored(name);
        Assert.Equal(matlab.Shape.Reverse(), stored.Shape);
        Assert.Equal(matlab.Class, stored.Class);
        // stored (h5py view, row-major) is MATLAB's A(:) = column-major order of the MATLAB array
        var m = matlab.ToDoubles();
        var expectedColumnMajor = new double[m.Length];
        var index = Enumerable.Range(0, m.Length).ToArray();
        var rowOfColumnMajor = MatLayout.ColumnMajorToRowMajor(index, matlab.Shape); // row-major pos -> column-major pos
        for (int r = 0; r < m.Length; r++) expectedColumnMajor[rowOfColumnMajor[r]] = m[r];
        Assert.Equal(expectedColumnMajor, stored.ToDoubles());
    }

    [Fact]
    public void AsStoredRefusesNonNumeric()
    {
        using var mat = (Mat73File)MatFile.Open(MatFixture.File("v73.mat"));
        Assert.Throws<NotSupportedException>(() => mat.ReadNumericAsStored("s_text"));
        Assert.Throws<KeyNotFoundException>(() => mat.ReadNumericAsStored("st_meta"));
    }
}
