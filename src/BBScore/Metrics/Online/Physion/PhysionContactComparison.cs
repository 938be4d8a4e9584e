using BBScore.Datasets.Physion;

namespace BBScore.Metrics.Online.Physion;

/// <summary>The contact metrics' comparison of model choices with human answers (spec §1.19, the original's
/// <c>ModelHumanCohenK</c>). Stimuli are matched by <see cref="PhysionStimulusName.ForContact"/>; each model row takes the
/// scenario of its stimulus in the human file (the last presentation's, as a dict built from all rows) and rows with no
/// human stimulus are dropped. Per scenario (ordinal order): the model's accuracy on its rows; for every participant
/// who answered in that scenario, Cohen's κ (<see cref="CohenKappa"/>) between the model's and the participant's first
/// answer per shared stimulus (stimuli in ordinal order); the scenario's κ is the median over participants (0 when no
/// participant shares a stimulus). Keys: <c>physion_contact_cohen_kappa</c> (mean over scenarios),
/// <c>physion_contact_error</c> (standard deviation over scenarios, ddof 0 as numpy's default the original uses),
/// <c>physion_contact_model_accuracy</c> (over the matched rows), <c>physion_contact_scenario_accuracy</c> and
/// <c>physion_contact_scenario_kappa</c> (arrays in scenario order), and the label list <c>physion_contact_scenarios</c>.
/// With no matched row only the first two are written, both 0, as the original does.
/// NaN: a participant whose first answers and the model's are all one same value gives κ = NaN (scikit-learn's 0/0);
/// numpy's median then makes that scenario's κ NaN, and the mean and std over scenarios NaN; they are kept NaN (the
/// original writes None in the per-scenario list; NaN is our JSON null).</summary>
public static class PhysionContactComparison
{
    public static void AddTo(ScoreSet scores, IReadOnlyList<string> testIds, IReadOnlyList<int> choices, IReadOnlyList<int> labels,
                             PhysionHumanResponses human)
    {
        if (testIds.Count != choices.Count || testIds.Count != labels.Count)
            throw new ArgumentException($"{testIds.Count} test ids for {choices.Count} predictions and {labels.Count} labels; give one of each per test row.");
        var participants = human.RowParticipants ?? throw new InvalidDataException($"{human.Path} has no gameID; contact scoring compares participants.");
        var scenarioOf = human.RowScenarios ?? throw new InvalidDataException($"{human.Path} has no scenario; contact scoring is per scenario.");
        string[] humanIds = human.RowStimulusIds.Select(PhysionStimulusName.ForContact).ToArray();
        var stimulusScenario = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < humanIds.Length; i++) stimulusScenario[humanIds[i]] = scenarioOf[i];

        var model = new List<(string Id, int Choice, int Label, string Scenario)>();
        for (int i = 0; i < testIds.Count; i++)
        {
            string id = PhysionStimulusName.ForContact(testIds[i]);
            if (stimulusScenario.TryGetValue(id, out var scenario)) model.Add((id, choices[i], labels[i], scenario));
        }
        if (model.Count == 0)
        {
            scores.Add("physion_contact_cohen_kappa", 0.0);
            scores.Add("physion_contact_error", 0.0);
            return;
        }

        var humanRows = Enumerable.Range(0, humanIds.Length).ToLookup(i => scenarioOf[i], StringComparer.Ordinal);
        string[] scenarios = model.Select(m => m.Scenario).Distinct().Order(StringComparer.Ordinal).ToArray();
        var kappas = new double[scenarios.Length];
        var accuracies = new double[scenarios.Length];
        for (int s = 0; s < scenarios.Length; s++)
        {
            var rows = model.Where(m => m.Scenario == scenarios[s]).ToList();
            accuracies[s] = rows.Count(m => m.Choice == m.Label) / (double)rows.Count;
            var modelFirst = PhysionFirstAnswers.Of(rows.Select(m => m.Id), rows.Select(m => (double)m.Choice));
            var measures = new List<double>();
            // One pass over the scenario's presentations, grouped by participant (row order kept within each group).
            foreach (var answered in humanRows[scenarios[s]].GroupBy(i => participants[i], StringComparer.Ordinal))
            {
                var humanFirst = PhysionFirstAnswers.Of(answered.Select(i => humanIds[i]), answered.Select(i => human.Responses[i]));
                string[] joint = humanFirst.Keys.Where(modelFirst.ContainsKey).Order(StringComparer.Ordinal).ToArray();
                if (joint.Length > 0)
                    measures.Add(CohenKappa.Score(joint.Select(id => modelFirst[id]).ToArray(), joint.Select(id => humanFirst[id]).ToArray()));
            }
            kappas[s] = measures.Count > 0 ? Median(measures) : 0.0;
        }
        double mean = kappas.Average();
        scores.Add("physion_contact_cohen_kappa", mean);
        scores.Add("physion_contact_error", Math.Sqrt(kappas.Select(k => (k - mean) * (k - mean)).Average()));
        scores.Add("physion_contact_model_accuracy", model.Count(m => m.Choice == m.Label) / (double)model.Count);
        scores.AddLabels("physion_contact_scenarios", scenarios);
        scores.Add("physion_contact_scenario_accuracy", accuracies);
        scores.Add("physion_contact_scenario_kappa", kappas);
    }

    /// <summary>numpy's median: NaN when any value is NaN, else the middle value or the mean of the two middle ones.</summary>
    static double Median(List<double> values)
    {
        if (values.Any(double.IsNaN)) return double.NaN;
        var sorted = values.Order().ToArray();
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
