namespace BBScore.Sweeps;

/// <summary>A parsed sweep file (schema in docs/SWEEPS.md): what to cross (models × layers × benchmarks ×
/// metrics) and the flags every cell shares. Names and patterns are kept as written; <see cref="SweepExpander"/>
/// resolves them.</summary>
/// <param name="Source">The file it came from, for messages.</param>
/// <param name="Models">Model keys or glob patterns over the catalog (<c>resnet*</c>).</param>
/// <param name="Layers">Layer names, <c>all</c>, or glob patterns over the model's layers (<c>encoder.layer.*</c>).</param>
/// <param name="ModelLayers">Per-model layer lists that replace <paramref name="Layers"/> for that model.</param>
public sealed record SweepSpec(
    string Source,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Layers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ModelLayers,
    IReadOnlyList<string> Benchmarks,
    IReadOnlyList<string> Metrics,
    SweepSettings Settings);

/// <summary>The flags every cell of a sweep runs with (the <c>bbscore run</c> options of the same names).</summary>
/// <param name="RandomProjection">dense, sparse, or null for none.</param>
/// <param name="Aggregation">none, concatenate or stack (<c>--aggregation-mode</c>).</param>
/// <param name="Compat">fixed or bbscore.</param>
/// <param name="BatchSize">null: chosen from free memory; it does not change the numbers, so it is not in a cell's key.</param>
public sealed record SweepSettings(
    int Seed = 42,
    string? RandomProjection = null,
    string Aggregation = "none",
    string Compat = "fixed",
    int? BatchSize = null);
