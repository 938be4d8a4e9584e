using BBScore.Datasets.Physion;
using BBScore.Metrics;
using BBScore.Metrics.Online.Physion;
using BBScore.Numerics.Statistics;
using BBScore.Tests.Physion.Metrics;
using Xunit;

namespace BBScore.Tests.Statistics;

/// <summary>The Physion headlines' error bars: each resample is the metric recomputed on explicitly resampled
/// stimuli (a drawn copy renamed, so the metric itself sees it as one more stimulus), the placement agreement's
/// standard error is the binomial one, and the notes for --bootstrap 0 and for no shared stimulus.</summary>
public class PhysionUncertaintyTests
{
    [Fact]
    public void Weighted_kappa_is_the_kappa_of_the_repeated_lists()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = random.Next(1, 12);
            double[] y1 = Enumerable.Range(0, n).Select(_ => (double)random.Next(3)).ToArray();
            double[] y2 = Enumerable.Range(0, n).Select(_ => (double)random.Next(3)).ToArray();
            double[] copies = Enumerable.Range(0, n).Select(_ => (double)random.Next(3)).ToArray();
            if (copies.All(c => c == 0)) copies[0] = 1;
            var repeated = Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat(i, (int)copies[i])).ToArray();
            double want = CohenKappa.Score(repeated.Select(i => y1[i]).ToArray(), repeated.Select(i => y2[i]).ToArray());
            double got = CohenKappa.Score(y1, y2, copies);
            if (double.IsNaN(want)) Assert.True(double.IsNaN(got));
            else Assert.Equal(want, got, 12);
        }
    }

    [Fact]
    public void Contact_resamples_equal_the_metric_recomputed_on_explicitly_resampled_stimuli()
    {
        var random = new Random(11);
        string[] scenarios = ["collide", "dominoes", "towers"];
        var model = new List<(string Id, double Choice, string Scenario)>();
        var human = new List<(string Id, string Participant, string Scenario, double Answer)>();
        foreach (string scenario in scenarios)
        {
            for (int j = 0; j < 7; j++) model.Add(($"{scenario}{j}", random.Next(2), scenario));
            for (int row = 0; row < 60; row++) // repeated presentations and missing answers: "first answer" matters
                human.Add(($"{scenario}{random.Next(8)}", $"p{random.Next(5)}", scenario, random.Next(10) == 0 ? double.NaN : random.Next(2)));
        }
        var panel = PhysionContactPanel.Match(model, human);
        Assert.Equal([7, 7, 7], panel.StimulusCounts);

        // Explicit draws per scenario (group s = scenario s's stimuli, ordinal order).
        int resamples = 40;
        var draws = scenarios.Select(_ => (IReadOnlyList<int[]>)Enumerable.Range(0, resamples)
            .Select(_ => Enumerable.Range(0, 7).Select(_ => random.Next(7)).ToArray()).ToArray()).ToArray();
        double[] samples = PhysionUncertainty.ContactSamples(panel, new ExplicitResampler(draws));

        for (int b = 0; b < resamples; b++)
        {
            // The k-th draw of stimulus j becomes stimulus "j#k", on the model's side and on every human row of j.
            var drawnModel = new List<(string, double, string)>();
            var copiesOf = new Dictionary<string, List<string>>();
            for (int s = 0; s < scenarios.Length; s++)
            {
                var stimuli = model.Where(m => m.Scenario == scenarios[s]).OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
                for (int k = 0; k < draws[s][b].Length; k++)
                {
                    var m = stimuli[draws[s][b][k]];
                    drawnModel.Add(($"{m.Id}#{k}", m.Choice, m.Scenario));
                    (copiesOf.TryGetValue(m.Id, out var list) ? list : copiesOf[m.Id] = []).Add($"{m.Id}#{k}");
                }
            }
            var drawnHuman = human.SelectMany(h => copiesOf.GetValueOrDefault(h.Id, []).Select(copy => (copy, h.Participant, h.Scenario, h.Answer))).ToArray();
            double want = PhysionContactPanel.Match(drawnModel, drawnHuman).Kappas().Average();
            if (double.IsNaN(want)) Assert.True(double.IsNaN(samples[b]), $"resample {b}: {samples[b]}, recomputed NaN");
            else Assert.Equal(want, samples[b], 12);
        }
    }

    [Fact]
    public void Placement_agreement_standard_error_matches_the_binomial_formula_and_explicit_draws()
    {
        var random = new Random(5);
        bool[] agree = Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.3).ToArray();
        double p = agree.Count(a => a) / 300.0;
        var scores = new ScoreSet("physion_placement_score") { { "physion_placement_score", p } };
        PhysionUncertainty.AddPlacement(scores, agree, 2000, 7);
        double binomial = Math.Sqrt(p * (1 - p) / agree.Length);
        Assert.InRange(scores["physion_placement_score_se"].Scalar, 0.85 * binomial, 1.15 * binomial);
        Assert.Equal(2000, scores["physion_placement_score_bootstrap"].Data.Length);
        Assert.Equal([300.0], scores["bootstrap_groups"].Data);

        var draws = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 300).Select(_ => random.Next(300)).ToArray()).ToArray();
        double[] samples = AccuracyBootstrap.Sample(agree, new ExplicitResampler([draws]));
        for (int b = 0; b < draws.Length; b++) Assert.Equal(draws[b].Average(i => agree[i] ? 1.0 : 0.0), samples[b], 12);

        var two = new ScoreSet("physion_placement_score") { { "physion_placement_score", 0.5 } };
        PhysionUncertainty.AddPlacement(two, [true, false], 100, 7);
        Assert.StartsWith("too few test stimuli shared with the humans", HeadlineUncertainty.Note(two));
    }

    [Theory]
    [InlineData("PhysionHumanContactDetection2024.nc:varied")]
    [InlineData("PhysionHumanPlacementDetection2024.nc:varied")]
    public void The_fixture_cases_get_a_bar_and_bootstrap_zero_or_no_shared_stimulus_leaves_a_note(string name)
    {
        var (scores, key) = Compared(name, 500);
        Assert.True(scores[key + "_se"].Scalar > 0);
        var ci = scores[key + "_ci95"].Data;
        Assert.True(ci[0] <= ci[1]);
        Assert.Equal(500, scores[key + "_bootstrap"].Data.Length);

        var (off, _) = Compared(name, 0);
        Assert.Equal("bootstrap turned off (--bootstrap 0)", HeadlineUncertainty.Note(off));
        Assert.False(off.TryGet(key + "_se", out _));

        var (disjoint, _) = Compared(name.Replace("varied", "disjoint"), 500);
        Assert.StartsWith("no test stimulus matched a human one", HeadlineUncertainty.Note(disjoint));
    }

    static (ScoreSet Scores, string Key) Compared(string name, int resamples)
    {
        var c = PhysionHumanFixture.Expected["cases"]![name]!;
        var task = PhysionHumanTasks.All.Single(t => t.FileName() == c["file"]!.GetValue<string>());
        var human = PhysionHumanResponses.Read(PhysionHumanFixture.FilePath("h5netcdf", task), task);
        string[] ids = c["ids"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        int[] choices = c["choices"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        int[] labels = c["labels"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        string key = task.IsContact() ? "physion_contact_cohen_kappa" : "physion_placement_score";
        var scores = new ScoreSet(key);
        if (task.IsContact())
            PhysionUncertainty.AddContact(scores, PhysionContactComparison.AddTo(scores, ids, choices, labels, human), resamples, 3);
        else
            PhysionUncertainty.AddPlacement(scores, PhysionPlacementComparison.AddTo(scores, ids, choices, labels, human), resamples, 3);
        return (scores, key);
    }
}
