namespace BBScore.Metrics;

/// <summary>The original's metric↔benchmark compatibility table (spec §1.21), used only to warn:
/// metric groups, and benchmark-name prefixes (first match wins) mapped to groups; the TVSD assembly pairs also take the
/// online regressor.</summary>
public static class MetricCompatibility
{
    public static readonly IReadOnlyDictionary<string, string[]> Groups = new Dictionary<string, string[]>
    {
        ["offline_regression"] = ["ridge", "torch_ridge", "torch_lasso", "torch_elastic", "pls", "temporal_ridge", "inverse_ridge"],
        ["offline_similarity"] = ["rsa", "temporal_rsa", "versa", "bidirectional", "one_to_one", "soft_matching", "semi_matching"],
        ["online_regression"] = ["online_linear_regressor"],
        ["online_classification"] = ["online_linear_classifier", "online_transformer_classifier"],
        ["physion_contact"] = ["physion_contact_prediction", "physion_contact_detection"],
        ["physion_placement"] = ["physion_placement_prediction", "physion_placement_detection"],
        ["topographic"] = ["orientation_selectivity"],
        ["tr_level"] = ["ridge", "temporal_rsa"],
    };

    static readonly (string Prefix, string[] Groups)[] PrefixMap =
    [
        ("LeBel2023AudioTR", ["tr_level"]),
        ("LeBel2023TR", ["tr_level"]),
        ("LeBel2023Audio", ["offline_regression", "offline_similarity"]),
        ("NSD", ["offline_regression", "offline_similarity"]),
        // Ours: the online regressor maps one monkey's recording to another's (the original's OnlineAssemblyBenchmarkScorer).
        ("TVSDMonkey", ["offline_regression", "offline_similarity", "online_regression"]),
        ("TVSD", ["offline_regression", "offline_similarity"]),
        ("BMD", ["offline_regression", "offline_similarity"]),
        ("LeBel2023", ["offline_regression", "offline_similarity"]),
        ("V1", ["offline_regression", "offline_similarity", "topographic"]),
        ("PhysionContact", ["offline_regression", "offline_similarity"]),
        ("PhysionPlacement", ["offline_regression", "offline_similarity"]),
        ("PhysionIntra", ["offline_regression", "offline_similarity"]),
        ("OnlineTVSD", ["online_regression"]),
        ("OnlinePhysionContact", ["online_classification", "physion_contact"]),
        ("OnlinePhysionIntraContact", ["online_classification", "physion_contact"]),
        ("OnlinePhysionPlacement", ["online_classification", "physion_placement"]),
        ("OnlinePhysionIntraPlacement", ["online_classification", "physion_placement"]),
        ("SSV2", ["online_classification"]),
        ("AugmentedSSV2", ["online_classification"]),
    ];

    /// <summary>Metrics compatible with the benchmark, in the original's order; null when no prefix matches.</summary>
    public static IReadOnlyList<string>? CompatibleMetrics(string benchmark)
    {
        foreach (var (prefix, groups) in PrefixMap)
            if (benchmark.StartsWith(prefix, StringComparison.Ordinal))
                return groups.SelectMany(g => Groups[g]).Distinct().ToList();
        return null;
    }

    /// <summary>True when the benchmark is unknown to the table or lists the metric.</summary>
    public static bool IsCompatible(string metric, string benchmark) =>
        CompatibleMetrics(benchmark) is not { } list || list.Contains(metric);
}
