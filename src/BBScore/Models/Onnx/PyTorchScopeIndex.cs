using System.Text.RegularExpressions;
using BBScore.Models.Layers;
using Onnx;

namespace BBScore.Models.Onnx;

/// <summary>Recovers PyTorch module paths from the node names torch.onnx.export writes
/// (e.g. <c>/layer4/layer4.1/relu_1/Relu</c>, <c>/encoder/layer.11/attention/attention/query/MatMul</c>),
/// so users can name layers as in <c>named_modules()</c>. A module's output is the first output of
/// the last node (in graph order) inside its scope or any scope below it.</summary>
/// <remarks>
/// The exporter writes one scope segment per module call. A segment is either relative to the
/// enclosing call (<c>/encoder/layer.11/</c>: module <c>encoder.layer.11</c>, the ModuleList
/// <c>layer</c> having no call of its own) or repeats the enclosing segment as a prefix
/// (<c>/layer4/layer4.1/</c>: module <c>layer4.1</c>, children of a called Sequential). A module
/// called more than once gets a call suffix (<c>relu_1</c>); it is folded into the module
/// (<c>layer4.1.relu</c>) when a sibling without the suffix exists, so the module's output is its
/// last call, as a forward hook that keeps the last output would see it.
/// </remarks>
public static partial class PyTorchScopeIndex
{
    // Nodes whose outputs are constants or shape bookkeeping, never a module's activation.
    static readonly HashSet<string> NonActivationOps = new(StringComparer.Ordinal) { "Constant", "Shape", "Size", "ConstantOfShape" };

    public static IReadOnlyList<LayerDefinition> Build(GraphProto graph)
    {
        var rawOutput = new Dictionary<string, (int Node, string Tensor)>(StringComparer.Ordinal);
        var rawOrder = new List<string>();
        for (int i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            if (node.Output.Count == 0 || node.Output[0].Length == 0 || NonActivationOps.Contains(node.OpType)) continue;
            foreach (string path in ModulePaths(node.Name))
            {
                if (!rawOutput.ContainsKey(path)) rawOrder.Add(path);
                rawOutput[path] = (i, node.Output[0]);
            }
        }

        var rawPaths = rawOutput.Keys.ToHashSet(StringComparer.Ordinal);
        var canonicalCache = new Dictionary<string, string>(StringComparer.Ordinal);
        var best = new Dictionary<string, (int Node, string Tensor)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (string raw in rawOrder)
        {
            string canonical = Canonical(raw, rawPaths, canonicalCache);
            var output = rawOutput[raw];
            if (!best.TryGetValue(canonical, out var current)) order.Add(canonical);
            else if (current.Node > output.Node) continue;
            best[canonical] = output;
        }
        return order.Select(name => new LayerDefinition(name, best[name].Tensor)).ToList();
    }

    /// <summary>The module paths a node belongs to, outermost first: <c>/layer4/layer4.1/relu_1/Relu</c>
    /// gives <c>layer4</c>, <c>layer4.1</c>, <c>layer4.1.relu_1</c>. Nodes outside any module scope give none.</summary>
    public static IReadOnlyList<string> ModulePaths(string nodeName)
    {
        if (!nodeName.StartsWith('/')) return [];
        string[] segments = nodeName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var paths = new List<string>(segments.Length);
        string parentPath = "", currentPath = "", previousSegment = "";
        // The last segment is the operator's own name (Relu, MatMul_1, ...), not a module.
        for (int i = 0; i < segments.Length - 1; i++)
        {
            string segment = segments[i];
            if (previousSegment.Length > 0 && segment.StartsWith(previousSegment + ".", StringComparison.Ordinal))
                currentPath = Join(parentPath, segment); // repeated-prefix style: replaces the enclosing segment
            else
            {
                parentPath = currentPath;
                currentPath = Join(currentPath, segment);
            }
            previousSegment = segment;
            paths.Add(currentPath);
        }
        return paths;
    }

    static string Join(string parent, string child) => parent.Length == 0 ? child : parent + "." + child;

    static string Canonical(string raw, HashSet<string> rawPaths, Dictionary<string, string> cache)
    {
        if (cache.TryGetValue(raw, out string? known)) return known;
        int dot = raw.LastIndexOf('.');
        string parentRaw = dot < 0 ? "" : raw[..dot];
        string last = dot < 0 ? raw : raw[(dot + 1)..];
        var suffix = CallSuffix().Match(last);
        if (suffix.Success && rawPaths.Contains(Join(parentRaw, suffix.Groups[1].Value)))
            last = suffix.Groups[1].Value;
        string canonical = Join(parentRaw.Length == 0 ? "" : Canonical(parentRaw, rawPaths, cache), last);
        cache[raw] = canonical;
        return canonical;
    }

    [GeneratedRegex(@"^(.+)_(\d+)$")]
    private static partial Regex CallSuffix();
}
