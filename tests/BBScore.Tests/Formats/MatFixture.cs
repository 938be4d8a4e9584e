using System.Text.Json;
using BBScore.Formats.Matlab;

namespace BBScore.Tests.Formats;

/// <summary>The .mat fixtures of tests/fixtures/generate_matlab_fixtures.py and their expected.json.</summary>
internal static class MatFixture
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "matlab");

    public static string File(string name) => Path.Combine(Folder, name);

    static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(System.IO.File.ReadAllText(File("expected.json"))).RootElement.GetProperty("variables"));

    public static JsonElement Variable(string name) => Expected.Value.GetProperty(name);

    public static IEnumerable<string> NumericNames() =>
        Expected.Value.EnumerateObject().Where(p => p.Name.StartsWith("a_", StringComparison.Ordinal)).Select(p => p.Name);

    public static int[] Shape(JsonElement e) => e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();

    /// <summary>Asserts class, MATLAB shape and row-major values of a numeric variable.</summary>
    public static void AssertNumeric(JsonElement expected, MatValue actual)
    {
        var numeric = Assert.IsType<MatNumeric>(actual);
        string cls = expected.GetProperty("class").GetString()!;
        Assert.Equal(cls, numeric.Class.MatlabName());
        Assert.Equal(Shape(expected), numeric.Shape);
        var data = expected.GetProperty("data").EnumerateArray().ToArray();
        // Switch on the class, not the array type: the CLR lets byte[] pass as sbyte[] (and uint[] as int[]).
        switch (numeric.Class)
        {
            case MatClass.Double: Assert.Equal(data.Select(x => x.GetDouble()), numeric.As<double>()); break;
            case MatClass.Single: Assert.Equal(data.Select(x => (float)x.GetDouble()), numeric.As<float>()); break;
            case MatClass.Int8: Assert.Equal(data.Select(x => x.GetSByte()), numeric.As<sbyte>()); break;
            case MatClass.UInt8: Assert.Equal(data.Select(x => x.GetByte()), numeric.As<byte>()); break;
            case MatClass.Int16: Assert.Equal(data.Select(x => x.GetInt16()), numeric.As<short>()); break;
            case MatClass.UInt16: Assert.Equal(data.Select(x => x.GetUInt16()), numeric.As<ushort>()); break;
            case MatClass.Int32: Assert.Equal(data.Select(x => x.GetInt32()), numeric.As<int>()); break;
            case MatClass.UInt32: Assert.Equal(data.Select(x => x.GetUInt32()), numeric.As<uint>()); break;
            case MatClass.Int64: Assert.Equal(data.Select(x => x.GetInt64()), numeric.As<long>()); break;
            case MatClass.UInt64: Assert.Equal(data.Select(x => x.GetUInt64()), numeric.As<ulong>()); break;
            case MatClass.Logical: Assert.Equal(data.Select(x => x.GetBoolean()), numeric.As<bool>()); break;
            default: Assert.Fail($"unexpected class {numeric.Class}"); break;
        }
        Assert.Equal(numeric.Class.ElementType(), numeric.Data.GetType().GetElementType());
    }

    /// <summary>Copies the first <paramref name="keep"/> bytes of a fixture to a temp file.</summary>
    public static string Truncated(string dir, string fixture, int keep)
    {
        string path = Path.Combine(dir, "truncated_" + fixture);
        System.IO.File.WriteAllBytes(path, System.IO.File.ReadAllBytes(File(fixture))[..keep]);
        return path;
    }
}
