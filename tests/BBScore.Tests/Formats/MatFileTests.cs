using BBScore.Formats.Matlab;
using BBScore.Tests.Support;

namespace BBScore.Tests.Formats;

/// <summary>The same variables written by scipy (v5, plain and compressed) and h5py (MATLAB v7.3
/// layout) read back equal to expected.json through <see cref="MatFile.Open"/>.</summary>
public class MatFileTests
{
    public static readonly string[] Files = ["v5.mat", "v5_compressed.mat", "v73.mat"];

    public static TheoryData<string, string> NumericCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Files)
            foreach (var name in MatFixture.NumericNames())
                data.Add(file, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void NumericMatricesHaveMatlabShapeAndRowMajorValues(string file, string name)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        MatFixture.AssertNumeric(MatFixture.Variable(name), mat.Read(name));
    }

    [Theory]
    [InlineData("v5.mat", typeof(Mat5File), "5")]
    [InlineData("v5_compressed.mat", typeof(Mat5File), "5")]
    [InlineData("v73.mat", typeof(Mat73File), "7.3")]
    public void OpenDispatchesOnHeaderVersion(string file, Type reader, string version)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        Assert.IsType(reader, mat);
        Assert.Equal(version, mat.Version);
        Assert.Contains("a_double", mat.VariableNames);
        Assert.Contains("c_paths", mat.VariableNames);
        Assert.DoesNotContain(mat.VariableNames, n => n.StartsWith('#'));
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5_compressed.mat")]
    [InlineData("v73.mat")]
    public void ReadsCharArrayAsString(string file)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        var expected = MatFixture.Variable("s_text");
        var text = Assert.IsType<MatChar>(mat.Read("s_text"));
        Assert.Equal(expected.GetProperty("value").GetString(), text.Value);
        Assert.Equal(MatFixture.Shape(expected), text.Shape);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5_compressed.mat")]
    [InlineData("v73.mat")]
    public void ReadsCellOfStrings(string file)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        var expected = MatFixture.Variable("c_paths");
        var cell = Assert.IsType<MatCell>(mat.Read("c_paths"));
        Assert.Equal(MatFixture.Shape(expected), cell.Shape);
        // includes a backslash path, accents, an empty string and a non-BMP emoji (surrogate pair)
        Assert.Equal(expected.GetProperty("strings").EnumerateArray().Select(s => s.GetString()!), cell.ToStrings());
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5_compressed.mat")]
    [InlineData("v73.mat")]
    public void ReadsStructFields(string file)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        var fields = MatFixture.Variable("st_meta").GetProperty("fields");
        var st = Assert.IsType<MatStruct>(mat.Read("st_meta"));
        Assert.Equal([1, 1], st.Shape);
        Assert.Equal(["n_train", "name", "weights"], st.FieldNames.Order());
        Assert.Equal(fields.GetProperty("name").GetProperty("value").GetString(), Assert.IsType<MatChar>(st["name"]).Value);
        MatFixture.AssertNumeric(fields.GetProperty("n_train"), st["n_train"]);
        MatFixture.AssertNumeric(fields.GetProperty("weights"), st["weights"]);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v73.mat")]
    public void MissingVariableNamesFileAndVariable(string file)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        var ex = Assert.Throws<KeyNotFoundException>(() => mat.Read("nope"));
        Assert.Contains(file, ex.Message);
        Assert.Contains("'nope'", ex.Message);
    }

    [Fact]
    public void NotAMatFileIsRejectedNamingTheFile()
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, "junk.mat");
        File.WriteAllBytes(path, new byte[300]);
        var ex = Assert.Throws<InvalidDataException>(() => MatFile.Open(path));
        Assert.Contains("junk.mat", ex.Message);
    }

    [Fact]
    public void LayoutTransposesThreeDimensionalColumnMajor()
    {
        // MATLAB A = reshape(0:23, 2, 3, 4): A(:) is 0..23; A(i,j,k) = (i-1) + 2(j-1) + 6(k-1).
        var rowMajor = MatLayout.ColumnMajorToRowMajor(Enumerable.Range(0, 24).ToArray(), [2, 3, 4]);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    Assert.Equal(i + 2 * j + 6 * k, rowMajor[(i * 3 + j) * 4 + k]);
    }
}

/// <summary>Char matrices, cells of mixed/nested content and struct arrays.</summary>
public class MatNestedTests
{
    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5_compressed.mat")]
    [InlineData("v73.mat")]
    public void CharMatrixSplitsIntoRows(string file)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        var expected = MatFixture.Variable("s_rows");
        var rows = Assert.IsType<MatChar>(mat.Read("s_rows"));
        Assert.Equal(MatFixture.Shape(expected), rows.Shape);
        Assert.Equal(expected.GetProperty("rows").EnumerateArray().Select(r => r.GetString()!), rows.Rows);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5_compressed.mat")]
    [InlineData("v73.mat")]
    public void CellHoldsMatrixStringAndNestedCell(string file)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        var expected = MatFixture.Variable("c_mixed");
        var items = expected.GetProperty("items").EnumerateArray().ToArray();
        var cell = Assert.IsType<MatCell>(mat.Read("c_mixed"));
        Assert.Equal(MatFixture.Shape(expected), cell.Shape);
        MatFixture.AssertNumeric(items[0], cell.Items[0]);
        Assert.Equal(items[1].GetProperty("value").GetString(), Assert.IsType<MatChar>(cell.Items[1]).Value);
        var nested = Assert.IsType<MatCell>(cell.Items[2]);
        Assert.Equal(["in"], nested.ToStrings());
        var ex = Assert.Throws<InvalidCastException>(() => cell.ToStrings());
        Assert.Contains("double", ex.Message);
    }

    [Theory]
    [InlineData("v5.mat")]
    [InlineData("v5_compressed.mat")]
    public void StructArrayElementsInOrder(string file)
    {
        using var mat = MatFile.Open(MatFixture.File(file));
        var expected = MatFixture.Variable("st_array");
        var st = Assert.IsType<MatStruct>(mat.Read("st_array"));
        Assert.Equal(MatFixture.Shape(expected), st.Shape);
        Assert.Equal(["id", "label"], st.FieldNames);
        var elements = expected.GetProperty("elements").EnumerateArray().ToArray();
        Assert.Equal(elements.Length, st.Elements.Count);
        for (int i = 0; i < elements.Length; i++)
        {
            Assert.Equal(elements[i].GetProperty("id").GetDouble(), Assert.IsType<MatNumeric>(st.Elements[i]["id"]).ToDoubles().Single());
            Assert.Equal(elements[i].GetProperty("label").GetString(), st.Elements[i]["label"].ToString());
        }
        Assert.Throws<InvalidOperationException>(() => st["id"]);
    }
}
