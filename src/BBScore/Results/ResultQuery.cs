namespace BBScore.Results;

/// <summary>Filters for <see cref="ResultStore.Query"/>: each given field must match exactly,
/// ignoring ASCII case; results come newest first, at most <see cref="Limit"/> of them.</summary>
public sealed record ResultQuery
{
    public string? Model { get; init; }
    public string? Layer { get; init; }
    public string? Benchmark { get; init; }
    public string? Metric { get; init; }
    public int Limit { get; init; } = 50;
}
