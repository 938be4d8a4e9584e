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
    /// <returns>The matched panel the κ came from (for the headline's bootstrap), or null with no matched row.</returns>
    public static PhysionContactPanel? AddTo(ScoreSet scores, IReadOnlyList<string> testIds, IReadOnlyList<int> choices, IReadOnlyList<int> labels,
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
            return null;
        }

        var panel = PhysionContactPanel.Match(model.Select(m => (m.Id, (double)m.Choice, m.Scenario)).ToArray(),
            Enumerable.Range(0, humanIds.Length).Select(i => (humanIds[i], participants[i], scenarioOf[i], human.Responses[i])).ToArray());
        var kappas = panel.Kappas();
        var accuracies = panel.Scenarios.Select(scenario => model.Where(m => m.Scenario == scenario).ToList())
                                        .Select(rows => rows.Count(m => m.Choice == m.Label) / (double)rows.Count).ToArray();
        double mean = kappas.Average();
        scores.Add("physion_contact_cohen_kappa", mean);
        scores.Add("physion_contact_error", Math.Sqrt(kappas.Select(k => (k - mean) * (k - mean)).Average()));
        scores.Add("physion_contact_model_accuracy", model.Count(m => m.Choice == m.Label) / (double)model.Count);
        scores.AddLabels("physion_contact_scenarios", panel.Scenarios);
        scores.Add("physion_contact_scenario_accuracy", accuracies);
        scores.Add("physion_contact_scenario_kappa", kappas);
        return panel;
    }
}
