namespace BBScore.Models.Layers;

/// <summary>A named layer of a graph: its canonical module path, the other names users type for it,
/// and the graph tensor that carries its output.</summary>
public sealed record LayerDefinition(string Name, IReadOnlyList<string> Aliases, string Tensor)
{
    public LayerDefinition(string name, string tensor) : this(name, Array.Empty<string>(), tensor) { }
}
