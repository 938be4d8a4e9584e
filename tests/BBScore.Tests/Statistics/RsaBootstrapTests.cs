using System.Text.Json.Nodes;
using BBScore.Numerics.Statistics;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>The RSA bootstraps against rsatoolbox on the same resamples (Fixtures/bootstrap/
/// generate_rsa_bootstrap_fixture.py logs every resample's stimulus and subject indices): its pattern bootstrap
/// for one subject (with tied RDM values), its dual bootstrap for four, and its standard errors.</summary>
public class RsaBootstrapTests
{
    static readonly JsonNode Fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bootstrap", "rsa_bootstrap.json")))!;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in new[] { "one_subject", "one_subject_ties", "four_subjects" })
            foreach (string method in RsaBootstrap.Methods) data.Add(name, method);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Samples_and_standard_error_equal_rsatoolbox_on_the_same_resamples(string name, string method)
    {
        var c = Fixture["cases"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == name)!;
        var reference = c["methods"]![method]!;
        int stimuli = c["stimuli"]!.GetValue<int>();
        double[] model = Doubles(c["model"]!);
        var subjects = c["subjects"]!.AsArray().Select(s => Doubles(s!)).ToList();
        var log = reference["indices"]!.AsArray();
        var patterns = log.Select(l => Ints(l!["pattern"]!)).ToList();
        var groups = new List<IReadOnlyList<int[]>> { patterns };
        if (subjects.Count > 1) groups.Add(log.Select(l => Ints(l!["rdm"]!)).ToList());

        var samples = RsaBootstrap.Sample(model, subjects, stimuli, new ExplicitResampler(groups));

        int m = Array.IndexOf(RsaBootstrap.Methods, method);
        var expected = reference["samples"]!;
        Check(expected["stimuli"]!, samples.Stimuli[m], "stimuli");
        if (subjects.Count > 1)
        {
            Check(expected["both"]!, samples.Both[m], "both");
            Check(expected["subjects"]!, samples.Subjects![m], "subjects");
        }
        Assert.Equal(reference["sem"]!.GetValue<double>(), samples.StandardError(m), 1e-9);
    }

    [Fact]
    public void Rsa_metric_stores_se_and_ci95_for_the_bootstrapped_methods_and_says_why_not_for_kendall()
    {
        var random = new Random(11);
        int n = 30, p = 12, t = 9;
        var features = Enumerable.Range(0, n * p).Select(_ => (float)random.NextDouble()).ToArray();
        var targets = new double[n, t];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < t; k++) targets[i, k] = features[i * p + k] + random.NextDouble();
        var inputs = new BBScore.Metrics.MetricInputs(new BBScore.Features.FeatureTensor(features, [n, p]), targets);
        var scores = BBScore.Metrics.MetricCatalog.Create("rsa", new BBScore.Metrics.MetricOptions { Bootstrap = 300 }).Score(inputs);
        foreach (string method in RsaBootstrap.Methods)
        {
            double se = scores[$"rsa_scores.{method}_se"].Scalar;
            var ci = scores[$"rsa_scores.{method}_ci95"].Data;
            Assert.True(se > 0 && ci[0] < ci[1], $"{method}: se {se}, ci [{ci[0]}, {ci[1]}]");
        }
        var headline = BBScore.Metrics.HeadlineUncertainty.Of(scores)!;
        Assert.True(headline.Low < scores.Headline && scores.Headline < headline.High);
        Assert.Contains(scores.Labels, l => l.Key == "rsa_scores.kendall_se_note");
        Assert.Equal(300, scores["bootstrap_resamples"].Scalar);
    }

    static void Check(JsonNode expected, double[] ours, string what)
    {
        var values = expected.AsArray().Select(v => v is null ? double.NaN : v.GetValue<double>()).ToArray();
        Assert.Equal(values.Length, ours.Length);
        for (int b = 0; b < ours.Length; b++)
            if (double.IsNaN(values[b])) Assert.True(double.IsNaN(ours[b]), $"{what}[{b}]: expected NaN, got {ours[b]}");
            else Assert.True(Math.Abs(values[b] - ours[b]) <= 1e-9, $"{what}[{b}]: {ours[b]} vs rsatoolbox {values[b]}");
    }

    static double[] Doubles(JsonNode node) => node.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    static int[] Ints(JsonNode node) => node.AsArray().Select(v => v!.GetValue<int>()).ToArray();
}
