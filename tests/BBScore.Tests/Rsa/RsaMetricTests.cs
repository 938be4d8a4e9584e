using BBScore.Features;
using BBScore.Metrics;
using BBScore.Numerics.Correlation;

namespace BBScore.Tests.Rsa;

public class RsaMetricTests
{
    static readonly string[] Methods = ["spearman", "corr", "kendall", "tau_a", "cosine"];

    [Fact]
    public void RsaMatchesScipyWithAConstantStimulusPattern()
    {
        var fixture = new RsaFixture("rsa");
        var scores = MetricCatalog.Create("rsa").Score(new MetricInputs(fixture.Features("features"), fixture.Matrix("targets")));
        Assert.Equal("rsa_scores.spearman", scores.HeadlineKey);
        RsaAssert.Close(fixture.Vector("scores"), Methods.Select(m => scores[$"rsa_scores.{m}"].Scalar).ToArray(), 1e-12);
        Assert.Equal(scores["rsa_scores.spearman"].Scalar, scores.Headline);
    }

    [Fact]
    public void RsaScoresTheTestSetWhenOneIsGiven()
    {
        var fixture = new RsaFixture("rsa");
        var junk = new FeatureTensor(new float[4 * 2], [4, 2]);
        var inputs = new MetricInputs(junk, new double[4, 1], TestFeatures: fixture.Features("features"), TestTargets: fixture.Matrix("targets"));
        var scores = MetricCatalog.Create("rsa").Score(inputs);
        RsaAssert.Close(fixture.Vector("scores")[0], scores.Headline, 1e-6);
    }

    [Fact]
    public void TemporalRsaGivesOneScorePerTimeBinAndTheirMeanAsHeadline()
    {
        var fixture = new RsaFixture("temporal_rsa");
        var inputs = new MetricInputs(fixture.Features("features"), fixture.Matrix("targets"), TargetUnitShape: [5, 3]);
        var scores = MetricCatalog.Create("temporal_rsa").Score(inputs);
        var expected = fixture.Matrix("scores"); // (time, method)
        for (int m = 0; m < Methods.Length; m++)
        {
            var perBin = Enumerable.Range(0, 3).Select(t => expected[t, m]).ToArray();
            RsaAssert.Close(perBin, scores[$"rsa_scores.{Methods[m]}"].Data, 1e-6);
            RsaAssert.Close(perBin.Average(), scores[$"mean_rsa_scores.{Methods[m]}"].Scalar, 1e-6);
        }
        Assert.Equal("mean_rsa_scores.spearman", scores.HeadlineKey);
        Assert.Equal([3], scores["rsa_scores.spearman"].Shape);
    }

    [Fact]
    public void TemporalRsaWithoutATimeAxisIsAClearError()
    {
        var fixture = new RsaFixture("rsa");
        var e = Assert.Throws<ArgumentException>(() => MetricCatalog.Create("temporal_rsa").Score(new MetricInputs(fixture.Features("features"), fixture.Matrix("targets"))));
        Assert.Contains("(stimuli, channels, time bins)", e.Message);
    }

    [Fact]
    public void SubjectRdmsGivePerSubjectScoresTheirMeanAndNiliNoiseCeilingBounds()
    {
        var fixture = new RsaFixture("subjects");
        var rdms = fixture.Matrix("rdms");
        var subjects = Enumerable.Range(0, 4).Select(s => Enumerable.Range(0, 45).Select(k => rdms[s, k]).ToArray()).ToArray();
        var features = fixture.Features("features");
        var scores = MetricCatalog.Create("rsa").Score(new MetricInputs(features, new double[10, 0], TargetRdms: subjects));

        var perSubject = fixture.Matrix("per_subject");
        for (int m = 0; m < Methods.Length; m++)
        {
            RsaAssert.Close(Enumerable.Range(0, 4).Select(s => perSubject[s, m]).ToArray(), scores[$"rsa_scores_per_subject.{Methods[m]}"].Data, 1e-6);
            RsaAssert.Close(fixture.Vector("mean")[m], scores[$"rsa_scores.{Methods[m]}"].Scalar, 1e-6);
            RsaAssert.Close(fixture.Vector("noise_lower")[m], scores[$"noise_ceiling_lower.{Methods[m]}"].Scalar, 1e-9);
            RsaAssert.Close(fixture.Vector("noise_upper")[m], scores[$"noise_ceiling_upper.{Methods[m]}"].Scalar, 1e-9);
            Assert.True(scores[$"noise_ceiling_lower.{Methods[m]}"].Scalar <= scores[$"noise_ceiling_upper.{Methods[m]}"].Scalar);
        }
    }

    [Fact]
    public void OneSubjectRdmHasNoNoiseCeiling()
    {
        var fixture = new RsaFixture("subjects");
        var rdms = fixture.Matrix("rdms");
        var one = new[] { Enumerable.Range(0, 45).Select(k => rdms[0, k]).ToArray() };
        var scores = MetricCatalog.Create("rsa").Score(new MetricInputs(fixture.Features("features"), new double[10, 0], TargetRdms: one));
        Assert.Equal([1], scores["rsa_scores_per_subject.spearman"].Shape);
        Assert.False(scores.TryGet("noise_ceiling_lower.spearman", out _));
    }

    [Fact]
    public void TargetRdmOfTheWrongSizeNamesBothSizes()
    {
        var fixture = new RsaFixture("subjects");
        var wrong = new[] { new double[36] };
        var e = Assert.Throws<ArgumentException>(() =>
            MetricCatalog.Create("rsa").Score(new MetricInputs(fixture.Features("features"), new double[10, 0], TargetRdms: wrong)));
        Assert.Contains("36", e.Message);
        Assert.Contains("45", e.Message);
    }

    [Fact]
    public void FewerThanThreeStimuliIsAClearError()
    {
        var features = new FeatureTensor([1, 2, 3, 4, 5, 7], [2, 3]);
        var e = Assert.Throws<ArgumentException>(() => MetricCatalog.Create("rsa").Score(new MetricInputs(features, new double[,] { { 1, 2 }, { 2, 1 } })));
        Assert.Contains("at least 3 stimuli", e.Message);
    }

    [Fact]
    public void ResultKeysAreTheMethodsUnderRsaScores()
    {
        var fixture = new RsaFixture("rsa");
        var scores = MetricCatalog.Create("rsa").Score(new MetricInputs(fixture.Features("features"), fixture.Matrix("targets")));
        Assert.Equal(VectorComparison.All.Select(m => "rsa_scores." + VectorComparison.Key(m)), scores.Keys);
    }
}
