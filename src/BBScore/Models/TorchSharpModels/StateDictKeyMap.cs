using System.Text.RegularExpressions;

namespace BBScore.Models.TorchSharpModels;

/// <summary>One rewrite of a checkpoint's key: a prefix replaced by another, or a regular expression replaced
/// as <see cref="Regex.Replace(string, string)"/> does (<c>$1</c> for groups).</summary>
public sealed class KeyRewrite
{
    readonly string? _prefix;
    readonly Regex? _regex;
    readonly string _replacement;

    KeyRewrite(string? prefix, Regex? regex, string replacement)
    {
        _prefix = prefix;
        _regex = regex;
        _replacement = replacement;
    }

    /// <summary>Keys starting with <paramref name="from"/> start with <paramref name="to"/> instead
    /// (e.g. Hugging Face's <c>vit.encoder.layer.</c> → the C# module path <c>blocks.</c>).</summary>
    public static KeyRewrite Prefix(string from, string to) => new(from, null, to);

    /// <summary>Every match of <paramref name="pattern"/> is replaced by <paramref name="replacement"/>.</summary>
    public static KeyRewrite Pattern(string pattern, string replacement) =>
        new(null, new Regex(pattern, RegexOptions.CultureInvariant, StateDictKeyMap.MatchTimeout), replacement);

    public string Apply(string key) =>
        _regex is not null ? _regex.Replace(key, _replacement)
        : key.StartsWith(_prefix!, StringComparison.Ordinal) ? _replacement + key[_prefix!.Length..] : key;

    public override string ToString() => _regex is not null ? $"s/{_regex}/{_replacement}/" : $"{_prefix}* → {_replacement}*";
}

/// <summary>How a checkpoint's keys become the network's <c>state_dict</c> names: keys matching one of
/// <see cref="Ignored"/> (regular expressions searched in the file's key, as Hugging Face's
/// <c>_keys_to_ignore_on_load_unexpected</c>) are dropped; the others lose DataParallel's <c>module.</c> and
/// torch.compile's <c>_orig_mod.</c> prefixes, then go through every rewrite of <see cref="Rewrites"/> in order
/// (each rewrites the previous one's result, as a chain of <c>str.replace</c> in a conversion script).</summary>
public sealed class StateDictKeyMap
{
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static readonly StateDictKeyMap Identity = new();

    public IReadOnlyList<KeyRewrite> Rewrites { get; init; } = [];

    public IReadOnlyList<string> Ignored { get; init; } = [];

    Regex[]? _ignored;

    public bool IsIgnored(string fileKey)
    {
        _ignored ??= Ignored.Select(p => new Regex(p, RegexOptions.CultureInvariant, MatchTimeout)).ToArray();
        return _ignored.Any(r => r.IsMatch(fileKey));
    }

    /// <summary>The network name for the file's key <paramref name="fileKey"/> (not ignored).</summary>
    public string Map(string fileKey)
    {
        string key = TorchCheckpoint.StripPrefixes(fileKey);
        foreach (var rewrite in Rewrites) key = rewrite.Apply(key);
        return key;
    }
}
