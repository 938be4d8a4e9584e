using System.Text.Json.Nodes;
using BBScore.Data;
using BBScore.Numerics.Statistics;
using BBScore.Tests.Support;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>Paired bootstrap tests against rsatoolbox's bootstrap_pair_tests and FDR decision
/// (Fixtures/bootstrap/rsa_bootstrap.json), Benjamini–Hochberg by hand, and `bbscore compare` on real runs.</summary>
public class PairedComparisonTests
{
    static readonly JsonNode Fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bootstrap", "rsa_bootstrap.json")))!["pair_tests"]!;

    [Fact]
    public void P_values_and_fdr_decisions_equal_rsatoolbox()
    {
        var evaluations = Fixture["evaluations"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        double[] Column(int m) => evaluations.Select(r => r[m]).ToArray();
        var pairs = Fixture["pairs"]!.AsArray().Select(p => (p![0]!.GetValue<int>(), p[1]!.GetValue<int>())).ToList();
        var expected = Fixture["p"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var ours = pairs.Select(p => PairedComparison.Of(0, 0, Column(p.Item1), Column(p.Item2)).PValue).ToArray();
        for (int k = 0; k < ours.Length; k++) Assert.Equal(expected[k], ours[k], 1e-12);
        Assert.Equal(Fixture["fdr_significant"]!.AsArray().Select(v => v!.GetValue<bool>()), PairedComparison.FdrSignificant(ours));
    }

    [Fact]
    public void Benjamini_hochberg_adjusts_monotonically()
    {
        // m = 4: 0.01·4/1 = 0.04; 0.02·4/2 = 0.04; 0.03·4/3 = 0.04; 0.5·4/4 = 0.5.
        Assert.Equal([0.04, 0.04, 0.5, 0.04], PairedComparison.BenjaminiHochberg([0.02, 0.01, 0.5, 0.03]).Select(v => Math.Round(v, 12)));
        // 0.6·2/1 = 1.2 would exceed the larger p's own 0.9: adjusted p-values never decrease with p.
        Assert.Equal([0.9, 0.9], PairedComparison.BenjaminiHochberg([0.6, 0.9]).Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Difference_interval_is_the_percentiles_of_the_paired_differences()
    {
        double[] a = [1, 2, 3, 4, double.NaN], b = [0.5, 1, 1, 1, 2];
        var d = PairedComparison.Of(2.5, 1.0, a, b);
        Assert.Equal(1.5, d.Difference);
        Assert.Equal(4, d.Samples); // the NaN resample is left out
        var summary = BootstrapSummary.Of([0.5, 1, 2, 3])!;
        Assert.Equal((summary.StandardError, summary.Low, summary.High), (d.StandardError, d.Low, d.High));
    }

    [Fact]
    public void Compare_command_pairs_two_layers_and_tabulates_three_with_fdr()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var (code, output, error) = CliRun.Run(home, "run", "--model", "pixel", "--layer", "identity_layer", "--benchmark", "V1SineGratings",
            "--metric", "rsa", "--batch-size", "64", "--bootstrap", "200");
        Assert.True(code == 0, output + error);
        (code, output, error) = CliRun.Run(home, "run", "--model", "resnet18", "--layer", "layer1", "layer2", "--benchmark", "V1SineGratings",
            "--metric", "rsa", "--batch-size", "64", "--bootstrap", "200");
        Assert.True(code == 0, output + error);
        var ids = BBScore.Results.StoredResults.List(home, new BBScore.Results.ResultQuery(), _ => { }).Rows.Select(r => r.Id).ToList();
        Assert.Equal(3, ids.Count);

        (code, output, error) = CliRun.Run(home, "compare", ids[0][..20], ids[1]);
        Assert.True(code == 0, output + error);
        Assert.Contains("A − B = ", output);
        Assert.Contains("p = ", output);

        (code, output, error) = CliRun.Run(home, "compare", "--benchmark", "V1SineGratings");
        Assert.True(code == 0, output + error);
        Assert.Contains("3 pair(s) of 3 results", output);
        Assert.Contains("FDR q<0.05", output);

        (code, _, error) = CliRun.Run(home, "compare", ids[0]);
        Assert.Equal(2, code);
        Assert.Contains("at least two", error);
    }
}
