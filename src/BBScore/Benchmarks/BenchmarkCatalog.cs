namespace BBScore.Benchmarks;

/// <summary>Every benchmark name the tool knows, looked up case-sensitively by name or alias as in
/// the original's registry; unknown names fail with the closest matches.</summary>
public static class BenchmarkCatalog
{
    static readonly IReadOnlyList<BenchmarkSpec> Entries =
    [
        SineGratingBenchmark.Spec,
        .. NsdBenchmarks.All,
        .. TvsdBenchmarks.All,
        .. BmdBenchmarks.All,
        .. PhysionBenchmarks.All,
        .. LeBelBenchmarks.All,
        .. LeBelTrBenchmarks.All,
        .. Ssv2Benchmarks.All,
    ];

    public static IReadOnlyList<BenchmarkSpec> All => Entries;

    public static BenchmarkSpec Resolve(string name) => Find(name) ??
        throw new UnknownNameException("benchmark", name, Entries.SelectMany(e => e.Aliases.Prepend(e.Name)),
            "Run 'bbscore list benchmarks' to see them all.");

    /// <summary>The benchmark named <paramref name="name"/>, or null.</summary>
    public static BenchmarkSpec? Find(string name)
    {
        foreach (var spec in Entries)
            if (spec.Name == name || spec.Aliases.Contains(name)) return spec;
        foreach (var spec in Entries) // forgive case only when it is unambiguous
            if (string.Equals(spec.Name, name, StringComparison.OrdinalIgnoreCase) ||
                spec.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)))
                return spec;
        return null;
    }
}
