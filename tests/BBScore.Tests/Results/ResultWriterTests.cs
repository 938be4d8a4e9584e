using BBScore.Tests.Support;
using BBScore.Data;
using BBScore.Results;

namespace BBScore.Tests.Results;

public class ResultWriterTests
{
    [Fact]
    public void SaveWritesTheJsonFileAndTheDatabaseRow()
    {
        using var dir = new TempDir();
        var home = new DataHome(Path.Combine(dir.Path, "home"), Path.Combine(dir.Path, "out"));
        ResultRecord record = ResultSamples.Record(model: "facebook/dinov2 base", layer: "_orig_mod.blocks 11/attn:qkv",
            benchmark: "V1StaticFullFieldSineGratings", metric: "orientation_selectivity", id: "20250131T142530123Z-00ff00ff");

        string jsonPath = ResultWriter.Save(record, home);

        Assert.Equal(home.ResultsDir, Path.GetDirectoryName(jsonPath));
        Assert.Equal(Path.Combine(dir.Path, "out", "results"), home.ResultsDir);
        Assert.Equal("facebook_dinov2_base__orig_mod.blocks_11_attn_qkv_V1StaticFullFieldSineGratings_orientation_selectivity_" +
                     "20250131T142530123Z-00ff00ff.json", Path.GetFileName(jsonPath));
        Assert.True(File.Exists(jsonPath));
        ResultSamples.AssertSameRecord(record, ResultJson.ReadFile(jsonPath));

        using var store = new ResultStore(home.ResultsDatabase);
        StoredResult row = Assert.Single(store.Query(new ResultQuery { Model = "facebook/dinov2 base" }));
        Assert.Equal(record.Id, row.Id);
        Assert.Equal(jsonPath, row.JsonPath);
    }

    [Fact]
    public void TwoSavesKeepTwoFilesAndTwoRows()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        string first = ResultWriter.Save(ResultSamples.Record(), home);
        string second = ResultWriter.Save(ResultSamples.Record(), home); // same run again: new id
        Assert.NotEqual(first, second);
        using var store = new ResultStore(home.ResultsDatabase);
        Assert.Equal(2, store.Query(new ResultQuery()).Count);
    }

    [Theory]
    [InlineData("resnet18", "resnet18")]
    [InlineData("org/model name", "org_model_name")]
    [InlineData("a\\b:c*d?e\"f<g>h|i", "a_b_c_d_e_f_g_h_i")]
    [InlineData("..", "_.")]
    [InlineData("", "_")]
    [InlineData("layer1.0.conv1+layer2", "layer1.0.conv1+layer2")]
    public void SanitisedNamesAreSafeFileNameParts(string name, string expected)
    {
        Assert.Equal(expected, ResultFileNames.Sanitise(name));
    }

    [Fact]
    public void LongNamesAreCutButStayDistinct()
    {
        string a = string.Join("+", Enumerable.Range(0, 40).Select(i => $"layer{i}"));
        string b = a + "+layer99";
        string sa = ResultFileNames.Sanitise(a), sb = ResultFileNames.Sanitise(b);
        Assert.True(sa.Length <= 64);
        Assert.True(sb.Length <= 64);
        Assert.NotEqual(sa, sb);
        Assert.StartsWith("layer0+layer1+", sa);
    }
}
