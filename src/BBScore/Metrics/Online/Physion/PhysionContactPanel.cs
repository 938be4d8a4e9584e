using BBScore.Numerics.Statistics;

namespace BBScore.Metrics.Online.Physion;

/// <summary>What the contact headline is computed from, matched once: per scenario (ordinal order) the model's
/// matched stimuli (ordinal order) with its first answer on each, and per participant who shares one of them the
/// participant's first answers on those stimuli. <see cref="Kappas"/> gives each scenario's κ (median over
/// participants of Cohen's κ with the model, 0 when none shares a stimulus), for the stimuli as they are or with each
/// drawn a number of times, so the headline and its bootstrap are one computation.</summary>
public sealed class PhysionContactPanel
{
    /// <summary>One participant's first answers in a scenario: which of the scenario's stimuli, the model's answer on
    /// each and the participant's.</summary>
    sealed record Participant(int[] Stimuli, double[] Model, double[] Answers);

    readonly Participant[][] _participants;   // scenario → participants sharing a stimulus with the model

    PhysionContactPanel(string[] scenarios, int[] stimulusCounts, Participant[][] participants)
    {
        Scenarios = scenarios;
        StimulusCounts = stimulusCounts;
        _participants = participants;
    }

    public IReadOnlyList<string> Scenarios { get; }

    /// <summary>How many matched stimuli each scenario has: the sizes of the bootstrap's groups.</summary>
    public IReadOnlyList<int> StimulusCounts { get; }

    /// <param name="model">The matched model rows (cleaned id, choice, scenario), in test-row order.</param>
    /// <param name="human">The human rows (cleaned id, participant, scenario, answer), in file order.</param>
    public static PhysionContactPanel Match(IReadOnlyList<(string Id, double Choice, string Scenario)> model,
                                            IReadOnlyList<(string Id, string Participant, string Scenario, double Answer)> human)
    {
        string[] scenarios = model.Select(m => m.Scenario).Distinct().Order(StringComparer.Ordinal).ToArray();
        var humanRows = human.ToLookup(h => h.Scenario, StringComparer.Ordinal);
        var stimulusCounts = new int[scenarios.Length];
        var participants = new Participant[scenarios.Length][];
        for (int s = 0; s < scenarios.Length; s++)
        {
            var rows = model.Where(m => m.Scenario == scenarios[s]).ToList();
            var modelFirst = PhysionFirstAnswers.Of(rows.Select(m => m.Id), rows.Select(m => m.Choice));
            string[] stimuli = modelFirst.Keys.Order(StringComparer.Ordinal).ToArray();
            var index = stimuli.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
            stimulusCounts[s] = stimuli.Length;
            var shared = new List<Participant>();
            // One pass over the scenario's presentations, grouped by participant (row order kept within each group).
            foreach (var answered in humanRows[scenarios[s]].GroupBy(h => h.Participant, StringComparer.Ordinal))
            {
                var humanFirst = PhysionFirstAnswers.Of(answered.Select(h => h.Id), answered.Select(h => h.Answer));
                string[] joint = humanFirst.Keys.Where(index.ContainsKey).Order(StringComparer.Ordinal).ToArray();
                if (joint.Length > 0) shared.Add(new Participant(joint.Select(id => index[id]).ToArray(),
                                                      joint.Select(id => modelFirst[id]).ToArray(), joint.Select(id => humanFirst[id]).ToArray()));
            }
            participants[s] = shared.ToArray();
        }
        return new PhysionContactPanel(scenarios, stimulusCounts, participants);
    }

    /// <summary>Each scenario's κ; <paramref name="copies"/> (scenario → stimulus → times drawn, null = once each) is a
    /// bootstrap resample. A participant none of whose stimuli was drawn shares nothing with the model in it.</summary>
    public double[] Kappas(IReadOnlyList<double[]>? copies = null)
    {
        var kappas = new double[_participants.Length];
        var measures = new List<double>();
        for (int s = 0; s < kappas.Length; s++)
        {
            measures.Clear();
            foreach (var p in _participants[s])
            {
                double[]? drawn = copies is null ? null : p.Stimuli.Select(i => copies[s][i]).ToArray();
                if (drawn is not null && drawn.All(c => c == 0)) continue;
                measures.Add(CohenKappa.Score(p.Model, p.Answers, drawn));
            }
            // numpy's median, which the original takes: NaN as soon as one participant's κ is NaN.
            kappas[s] = measures.Count == 0 ? 0.0 : measures.Any(double.IsNaN) ? double.NaN : Median.OfFinite(measures.ToArray());
        }
        return kappas;
    }
}
