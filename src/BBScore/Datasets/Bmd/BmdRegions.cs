namespace BBScore.Datasets.Bmd;

/// <summary>The BOLD Moments Dataset's regions (the original's <c>BMDAssembly&lt;ROI&gt;</c> classes) and the ROI index
/// files each one concatenates, in that order, and the benchmark names that score them. The original registers 26
/// names and scores V2v under BMD_BMD (a copy-paste slip); here BMD_BMD scores BMDgeneral and BMD_PPA, whose
/// assembly the original defines but never registers, is added: 27 names.</summary>
public static class BmdRegions
{
    static string[] Pair(string roi) => ["l" + roi, "r" + roi];

    /// <summary>Region → ROI file names (<c>ROI-&lt;name&gt;_indices.pkl</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Files = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["7AL"] = Pair("7AL"), ["BA2"] = Pair("BA2"), ["EBA"] = Pair("EBA"), ["FFA"] = Pair("FFA"), ["IPS0"] = Pair("IPS0"),
        ["IPS1-2-3"] = Pair("IPS1-2-3"), ["LOC"] = Pair("LOC"), ["MT"] = Pair("MT"), ["OFA"] = Pair("OFA"), ["PFop"] = Pair("PFop"),
        ["PFt"] = Pair("PFt"), ["PPA"] = Pair("PPA"), ["RSC"] = Pair("RSC"), ["STS"] = Pair("STS"), ["TOS"] = Pair("TOS"),
        ["V1d"] = Pair("V1d"), ["V1v"] = Pair("V1v"), ["V1"] = ["lV1d", "rV1d", "lV1v", "rV1v"],
        ["V2d"] = Pair("V2d"), ["V2v"] = Pair("V2v"), ["V2"] = ["lV2d", "rV2d", "lV2v", "rV2v"],
        ["V3ab"] = Pair("V3ab"), ["V3d"] = Pair("V3d"), ["V3v"] = Pair("V3v"), ["V3"] = ["lV3v", "rV3v", "lV3d", "rV3d"],
        ["hV4"] = Pair("hV4"), ["BMD"] = ["BMDgeneral"],
    };

    /// <summary>Benchmark name → region, in the original's registration order (BMD_PPA last).</summary>
    public static readonly IReadOnlyList<(string Benchmark, string Region)> Benchmarks =
    [
        ("BMD_V1", "V1"), ("BMD_V2", "V2"), ("BMD_V3", "V3"), ("BMD_V4", "hV4"), ("BMD_IPS123", "IPS1-2-3"), ("BMD_IPS0", "IPS0"),
        ("BMD_LOC", "LOC"), ("BMD_PFop", "PFop"), ("BMD_7AL", "7AL"), ("BMD_PFt", "PFt"), ("BMD_OFA", "OFA"), ("BMD_BA2", "BA2"),
        ("BMD_EBA", "EBA"), ("BMD_FFA", "FFA"), ("BMD_MT", "MT"), ("BMD_RSC", "RSC"), ("BMD_STS", "STS"), ("BMD_TOS", "TOS"),
        ("BMD_V3ab", "V3ab"), ("BMD_V1d", "V1d"), ("BMD_V1v", "V1v"), ("BMD_V2d", "V2d"), ("BMD_V2v", "V2v"), ("BMD_V3d", "V3d"),
        ("BMD_V3v", "V3v"), ("BMD_BMD", "BMD"), ("BMD_PPA", "PPA"),
    ];

    /// <summary>The ten participants (sub-01 … sub-10), all used by default.</summary>
    public static IReadOnlyList<string> AllSubjects { get; } = Enumerable.Range(1, 10).Select(i => $"sub-{i:D2}").ToArray();
}
