namespace BBScore.Models.Layers;

/// <summary>Turns what users type into a layer of one graph. Accepted, in this order: a canonical
/// module path or alias; a raw tensor or node name of the graph; the same with a head prefix left
/// out (<c>encoder.layer.11</c> for <c>vit.encoder.layer.11</c>) or typed extra
/// (<c>vit.encoder.layer.11</c> for <c>encoder.layer.11</c>); a case-insensitive match. A leading
/// <c>_orig_mod.</c> (added by <c>torch.compile</c>) is ignored. Anything else, or a name that fits
/// several layers, raises <see cref="UnknownNameException"/> with the closest names.</summary>
public sealed class LayerTable
{
    const string CompiledPrefix = "_orig_mod.";

    readonly List<LayerDefinition> _modules;
    readonly Dictionary<string, LayerDefinition> _byName = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<string>> _ambiguousAliases = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _rawNames;

    /// <param name="modules">Module layers in listing order.</param>
    /// <param name="rawNames">Every tensor and node name of the graph, mapped to the tensor it denotes.</param>
    public LayerTable(IReadOnlyList<LayerDefinition> modules, IReadOnlyDictionary<string, string> rawNames)
    {
        _modules = modules.GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        foreach (var module in _modules) _byName[module.Name] = module;
        foreach (var module in _modules)
        {
            foreach (string alias in module.Aliases)
            {
                if (_byName.TryGetValue(alias, out var owner))
                {
                    if (owner.Name == alias || owner.Name == module.Name) continue;
                    _ambiguousAliases.TryAdd(alias, [owner.Name]);
                    _ambiguousAliases[alias].Add(module.Name);
                }
                else _byName[alias] = module;
            }
        }
        foreach (string alias in _ambiguousAliases.Keys) _byName.Remove(alias);
        _rawNames = new Dictionary<string, string>(rawNames, StringComparer.Ordinal);
    }

    public IReadOnlyList<LayerDefinition> Modules => _modules;

    /// <summary>Names offered as suggestions: module paths and aliases, or the raw tensor names of a
    /// graph without module names.</summary>
    public IEnumerable<string> KnownNames => _modules.Count > 0 ? _byName.Keys.Concat(_ambiguousAliases.Keys) : _rawNames.Keys;

    public LayerDefinition Resolve(string userName)
    {
        string name = StripCompiledPrefix(userName.Trim());
        if (_byName.TryGetValue(name, out var exact)) return exact;
        if (_ambiguousAliases.TryGetValue(name, out var owners)) throw Ambiguous(userName, owners);
        if (_rawNames.TryGetValue(name, out string? tensor)) return new LayerDefinition(tensor, tensor);

        var candidates = WithoutHeadPrefix(name);
        if (candidates.Count == 0) candidates = WithExtraHeadPrefix(name);
        if (candidates.Count == 0)
            candidates = _byName.Keys.Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                .Select(k => _byName[k].Name).Distinct().ToList();
        if (candidates.Count == 1) return _byName[candidates[0]];
        if (candidates.Count > 1) throw Ambiguous(userName, candidates);
        throw new UnknownNameException("layer", userName, KnownNames,
            "Layers are module paths as in PyTorch's named_modules() (see `bbscore layers`) or raw graph tensor names.");
    }

    static string StripCompiledPrefix(string name)
    {
        while (name.StartsWith(CompiledPrefix, StringComparison.Ordinal)) name = name[CompiledPrefix.Length..];
        return name;
    }

    /// <summary>Layers with a known name that is the typed one behind some head prefix. More than one
    /// is ambiguous, however many components each would drop: a short name like <c>fc</c> must not
    /// silently pick the shallowest of several modules.</summary>
    List<string> WithoutHeadPrefix(string name) =>
        _byName.Where(entry => entry.Key.EndsWith("." + name, StringComparison.Ordinal))
            .Select(entry => entry.Value.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The typed name minus the fewest leading components that leaves a known name.</summary>
    List<string> WithExtraHeadPrefix(string name)
    {
        string[] parts = name.Split('.');
        for (int k = 1; k < parts.Length; k++)
        {
            string rest = string.Join('.', parts[k..]);
            if (_byName.TryGetValue(rest, out var layer)) return [layer.Name];
        }
        return [];
    }

    static UnknownNameException Ambiguous(string userName, IReadOnlyList<string> candidates) =>
        new("layer", userName, candidates,
            $"'{userName}' fits several layers ({string.Join(", ", candidates)}); type the full name.");
}
