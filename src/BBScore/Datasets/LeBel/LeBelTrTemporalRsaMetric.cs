using BBScore.Metrics;
using BBScore.Numerics;

namespace BBScore.Datasets.LeBel;

/// <summary><c>temporal_rsa</c> on a TR-level LeBel2023 benchmark (spec §3.7 step 6): per story, the RDM over its
/// HRF-paired TRs of the model's features against that of the fMRI on the ceiling-mask voxels, and again on the
/// language voxels among them (<see cref="LeBelTemporalRsa"/>); medians over stories. Runs on its own, where the
/// original needs ridge run first. Headline: <c>median_rsa_all</c>.</summary>
public sealed class LeBelTrTemporalRsaMetric(LeBelTrData data) : IMetric
{
    public string Key => "temporal_rsa";

    public ScoreSet Score(MetricInputs inputs)
    {
        var x = data.Stimuli.Layout.Design(FeatureMatrix.From(inputs.TrainFeatures), data.Pairs);
        int[] language = Enumerable.Range(0, data.Ceiling.Length).Where(v => data.Masks["language"][v]).ToArray();
        var all = new List<(string Story, double Rho)>();
        var lang = new List<(string Story, double Rho)>();
        foreach (int story in data.UsedStories)
        {
            int[] rows = data.RowsOf(story);
            var model = Rows(rows, x.Cols, (r, c) => x.Data[(long)r * x.Cols + c]);
            var brain = Rows(rows, data.Ceiling.Length, (r, c) => data.Fmri[r, c]);
            if (LeBelTemporalRsa.Story(model, brain) is not double rho) continue;
            all.Add((data.StoryNames[story], rho));
            if (language.Length > 0 && LeBelTemporalRsa.Story(model, Rows(rows, language.Length, (r, c) => data.Fmri[r, language[c]])) is double rhoLang)
                lang.Add((data.StoryNames[story], rhoLang));
        }
        var scores = new ScoreSet("median_rsa_all");
        scores.Add("per_story_rsa", all.Select(s => s.Rho).ToArray());
        scores.Add("median_rsa_all", NanStatistics.Median(all.Select(s => s.Rho).ToArray()));
        scores.Add("n_rsa_stories", all.Count);
        scores.AddLabels("per_story_rsa_stories", all.Select(s => s.Story).ToArray());
        if (lang.Count > 0)
        {
            scores.Add("per_story_rsa_lang", lang.Select(s => s.Rho).ToArray());
            scores.Add("median_rsa_lang", NanStatistics.Median(lang.Select(s => s.Rho).ToArray()));
            scores.AddLabels("per_story_rsa_lang_stories", lang.Select(s => s.Story).ToArray());
        }
        data.AddRunKeys(scores);
        return scores;
    }

    static double[,] Rows(int[] rows, int cols, Func<int, int, double> value)
    {
        var m = new double[rows.Length, cols];
        for (int i = 0; i < rows.Length; i++)
            for (int c = 0; c < cols; c++) m[i, c] = value(rows[i], c);
        return m;
    }
}
