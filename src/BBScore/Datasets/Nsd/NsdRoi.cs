namespace BBScore.Datasets.Nsd;

/// <summary>Which voxel-metadata label column an ROI is matched against, and how.</summary>
public enum NsdRoiRule
{
    /// <summary>The ROI name is a substring of <c>&lt;hemi&gt;.prf-visualrois.label</c> (V1 also takes V1v, V1d).</summary>
    PrfVisualRoisContains,

    /// <summary>The ROI name is a substring of <c>&lt;hemi&gt;.streams.label</c> (ventral also takes midventral).</summary>
    StreamsContains,

    /// <summary>The streams label equals the ROI's label exactly (HighVentral = exactly "ventral").</summary>
    StreamsEquals,
}

/// <summary>One NSD region of interest: the name used in benchmark names (<c>NSD&lt;Name&gt;Shared</c>),
/// the label text it matches and the rule.</summary>
public sealed record NsdRoi(string Name, string Label, NsdRoiRule Rule)
{
    /// <summary>The 19 ROIs of the original, in its registration order.</summary>
    public static readonly IReadOnlyList<NsdRoi> All =
    [
        new("V1", "V1", NsdRoiRule.PrfVisualRoisContains),
        new("V1d", "V1d", NsdRoiRule.PrfVisualRoisContains),
        new("V1v", "V1v", NsdRoiRule.PrfVisualRoisContains),
        new("V2", "V2", NsdRoiRule.PrfVisualRoisContains),
        new("V2d", "V2d", NsdRoiRule.PrfVisualRoisContains),
        new("V2v", "V2v", NsdRoiRule.PrfVisualRoisContains),
        new("V3", "V3", NsdRoiRule.PrfVisualRoisContains),
        new("V3d", "V3d", NsdRoiRule.PrfVisualRoisContains),
        new("V3v", "V3v", NsdRoiRule.PrfVisualRoisContains),
        new("V4", "V4", NsdRoiRule.PrfVisualRoisContains),
        new("Lateral", "lateral", NsdRoiRule.StreamsContains),
        new("Ventral", "ventral", NsdRoiRule.StreamsContains),
        new("Parietal", "parietal", NsdRoiRule.StreamsContains),
        new("HighLateral", "lateral", NsdRoiRule.StreamsEquals),
        new("HighVentral", "ventral", NsdRoiRule.StreamsEquals),
        new("HighParietal", "parietal", NsdRoiRule.StreamsEquals),
        new("MidLateral", "midlateral", NsdRoiRule.StreamsContains),
        new("MidVentral", "midventral", NsdRoiRule.StreamsContains),
        new("MidParietal", "midparietal", NsdRoiRule.StreamsContains),
    ];

    /// <summary>The ROI called <paramref name="name"/> (case-insensitive), or an error listing them.</summary>
    public static NsdRoi Get(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown NSD region '{name}'; known regions: {string.Join(", ", All.Select(r => r.Name))}.", nameof(name));

    /// <summary>The voxel-metadata label kind this ROI reads (<c>prf-visualrois</c> or <c>streams</c>).</summary>
    public string LabelKind => Rule == NsdRoiRule.PrfVisualRoisContains ? "prf-visualrois" : "streams";

    /// <summary>Whether one vertex label matches (null/missing labels never match). Case-sensitive, as in the original.</summary>
    public bool Matches(string? label) => label is not null && Rule switch
    {
        NsdRoiRule.StreamsEquals => string.Equals(label, Label, StringComparison.Ordinal),
        _ => label.Contains(Label, StringComparison.Ordinal),
    };
}
