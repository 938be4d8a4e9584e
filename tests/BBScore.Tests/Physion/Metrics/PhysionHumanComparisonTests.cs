using BBScore.Datasets.Physion;
using BBScore.Metrics;
using BBScore.Metrics.Online.Physion;

namespace BBScore.Tests.Physion.Metrics;

/// <summary>The human-comparison keys on fixed model predictions against the generator's numpy/scikit-learn reference
/// (to 1e-12): every key, the key order, the per-scenario arrays and labels, NaN where scikit-learn gives NaN.</summary>
public class PhysionHumanComparisonTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _) in PhysionHumanFixture.Expected["cases"]!.AsObject())
            foreach (string engine in new[] { "h5netcdf", "netcdf4" }) data.Add(name, engine);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryKeyMatchesTheReference(string name, string engine)
    {
        var c = PhysionHumanFixture.Expected["cases"]![name]!;
        var task = PhysionHumanTasks.All.Single(t => t.FileName() == c["file"]!.GetValue<string>());
        var human = PhysionHumanResponses.Read(PhysionHumanFixture.FilePath(engine, task), task);
        string[] ids = c["ids"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        int[] choices = c["choices"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        int[] labels = c["labels"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();

        var scores = new ScoreSet("x");
        if (task.IsContact()) PhysionContactComparison.AddTo(scores, ids, choices, labels, human);
        else PhysionPlacementComparison.AddTo(scores, ids, choices, labels, human);

        var expected = c["expected"]!.AsObject();
        var labelLists = scores.Labels.ToDictionary(l => l.Key, l => l.Value);
        Assert.Equal(expected.Select(e => e.Key).Where(k => !labelLists.ContainsKey(k)), scores.Keys);
        foreach (var (key, value) in expected)
        {
            if (labelLists.TryGetValue(key, out var list))
            {
                Assert.Equal(value!.AsArray().Select(n => n!.GetValue<string>()), list);
                continue;
            }
            var actual = scores[key];
            double[] want = value is System.Text.Json.Nodes.JsonArray array ? array.Select(PhysionHumanFixture.Number).ToArray() : [PhysionHumanFixture.Number(value)];
            Assert.Equal(want.Length, actual.Data.Length);
            Assert.Equal(value is System.Text.Json.Nodes.JsonArray, !actual.IsScalar);
            for (int i = 0; i < want.Length; i++)
            {
                if (double.IsNaN(want[i])) Assert.True(double.IsNaN(actual.Data[i]), $"{key}[{i}] should be NaN, is {actual.Data[i]}");
                else Assert.True(Math.Abs(want[i] - actual.Data[i]) <= 1e-12, $"{key}[{i}]: {actual.Data[i]} vs reference {want[i]}");
            }
        }
    }

    [Fact]
    public void CohenKappaEqualsScikitLearnIncludingDegenerateCases()
    {
        foreach (var c in PhysionHumanFixture.Expected["kappa"]!.AsArray())
        {
            double[] y1 = c!["y1"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
            double[] y2 = c["y2"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
            double want = PhysionHumanFixture.Number(c["kappa"]);
            double got = CohenKappa.Score(y1, y2);
            if (double.IsNaN(want)) Assert.True(double.IsNaN(got), $"kappa({string.Join(",", y1)}; {string.Join(",", y2)}) = {got}, scikit-learn NaN");
            else Assert.True(Math.Abs(want - got) <= 1e-12, $"kappa({string.Join(",", y1)}; {string.Join(",", y2)}) = {got}, scikit-learn {want}");
        }
    }

    [Theory]
    [InlineData("pilot_dominoes_001_img.mp4", "pilot_dominoes_001", "pilot_dominoes_001")]
    [InlineData("dir.v2/pilot_x_img_003.hdf5", "dir", "pilot_x")]
    [InlineData("a/b/c", "a/b/c", "c")]
    public void StimulusNamesAreCutAsEachOriginalScorerCutsThem(string id, string contact, string placement)
    {
        Assert.Equal(contact, PhysionStimulusName.ForContact(id));
        Assert.Equal(placement, PhysionStimulusName.ForPlacement(id));
    }

    [Theory]
    [InlineData(0, 255, 15, 21.213203435596427)]
    [InlineData(17, 34, 1, 1.4142135623730951)]
    [InlineData(16, 15, 15, 15.033296378372908)]
    public void GridDistancesUseRowAndColumnOfTheCell(int a, int b, double chebyshev, double euclidean)
    {
        Assert.Equal(chebyshev, PhysionPlacementComparison.Chebyshev(a, b));
        Assert.Equal(euclidean, PhysionPlacementComparison.Euclidean(a, b), 12);
    }
}
