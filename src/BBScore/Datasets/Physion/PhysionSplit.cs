namespace BBScore.Datasets.Physion;

/// <summary>A clip a Physion split keeps: its path relative to the clips folder, the id the human data knows it by,
/// and the task's label (a class id: 0/1 for contact, a cell 0..255 for placement).</summary>
public sealed record PhysionItem(string Filename, string StimulusId, int Label);

/// <summary>Which CSV rows one Physion benchmark shows (the original's <c>_prepare_videos</c>): placement drops rows
/// whose <c>contacts</c> is -1; train keeps <c>train == 1</c>; test keeps <c>train == 0</c> whose stimulus is in the
/// human data; the intra-configuration variants also require <c>intra_generalizability == 1</c>. CSV order is kept.</summary>
public sealed record PhysionSplit(PhysionMode Mode, PhysionTask Task, bool Intra)
{
    /// <summary>The original's class names without the split: <c>Physion[Intra]&lt;Task&gt;&lt;Mode&gt;</c>.</summary>
    public string Name => $"Physion{(Intra ? "Intra" : "")}{Task}{Mode.Name}";

    /// <param name="humanStimuli">The stimuli the human data has; required for the test split, which only keeps those.</param>
    public IReadOnlyList<PhysionItem> Select(IEnumerable<PhysionCsvRow> rows, bool train, IReadOnlySet<string>? humanStimuli, string source)
    {
        if (!train && humanStimuli is null) throw new ArgumentNullException(nameof(humanStimuli), "The test split keeps only stimuli with human data.");
        var items = new List<PhysionItem>();
        foreach (var row in rows)
        {
            double label = row.LabelFor(Task);
            if (Task == PhysionTask.Placement && label == -1) continue;
            if (row.Train != train || (Intra && !row.Intra)) continue;
            string id = Mode.HumanStimulusId(row.StimulusId);
            if (!train && !humanStimuli!.Contains(id)) continue;
            items.Add(new PhysionItem(row.Filename, id, ClassId(label, row, source)));
        }
        return items;
    }

    /// <summary>Labels are class ids for the read-outs (the original stores them as floats); anything else in the CSV
    /// is a damaged or foreign file.</summary>
    int ClassId(double label, PhysionCsvRow row, string source)
    {
        int classes = Task.NumClasses();
        if (label != Math.Floor(label) || label < 0 || label >= classes)
            throw new InvalidDataException($"{source}, line {row.Line}: the {Task.ToString().ToLowerInvariant()} label " +
                                           $"('{Task.LabelColumn()}') is {label}, not a class id 0..{classes - 1}.");
        return (int)label;
    }
}
