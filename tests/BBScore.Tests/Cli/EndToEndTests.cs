using System.Text.Json.Nodes;
using BBScore.Cli;
using BBScore.Data;
using BBScore.Progress;
using BBScore.Results;
using BBScore.Tests.Support;

namespace BBScore.Tests.Cli;

/// <summary>README command 1 end to end: resnet18 on the generated gratings, twice.</summary>
public class EndToEndTests
{
    [Fact]
    public void Resnet18OnGratingsStoresResultsAndSecondRunHitsTheFeatureCache()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        string[] args = ["run", "--model", "resnet18", "--layer", "_orig_mod.resnet.encoder.stages.3", "--benchmark", "V1SineGratings",
            "--metric", "orientation_selectivity", "--batch-size", "32"];

        var out1 = new StringWriter();
        var err1 = new StringWriter();
        Assert.Equal(0, BBScoreCli.Run(args, out1, err1, home, new PlainProgress(err1)));
        Assert.Contains("mean_cv", out1.ToString());
        Assert.Contains("feature cache: miss", out1.ToString());

        var out2 = new StringWriter();
        var err2 = new StringWriter();
        Assert.Equal(0, BBScoreCli.Run(args, out2, err2, home, new PlainProgress(err2)));
        Assert.Contains("feature cache: hit", out2.ToString());

        using var store = new ResultStore(home.ResultsDatabase);
        var rows = store.Query(new ResultQuery { Model = "resnet18", Metric = "orientation_selectivity" });
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].Record.FeatureCacheHit);
        Assert.False(rows[1].Record.FeatureCacheHit);
        Assert.Equal(rows[0].Record.Scores["cv"].Data, rows[1].Record.Scores["cv"].Data); // same numbers from the cache
        Assert.Equal([512 * 7 * 7], rows[0].Record.Scores["cv"].Shape); // one CV per unit of the 512x7x7 map

        var json = JsonNode.Parse(File.ReadAllText(rows[0].JsonPath))!;
        Assert.Equal("V1StaticFullFieldSineGratings", json["benchmark"]!.GetValue<string>());
        Assert.Equal("_orig_mod.resnet.encoder.stages.3", json["layer"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["git_commit"]!.GetValue<string>()));
        Assert.InRange(json["headline"]!["value"]!.GetValue<double>(), 0.0, 1.0);

        var listed = new StringWriter();
        Assert.Equal(0, BBScoreCli.Run(["results", "--benchmark", "V1StaticFullFieldSineGratings"], listed, new StringWriter(), home, SilentProgress.Instance));
        Assert.Contains("2 result(s)", listed.ToString());
    }
}
