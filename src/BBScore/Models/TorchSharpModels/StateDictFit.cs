namespace BBScore.Models.TorchSharpModels;

/// <summary>The strict check of <c>load_state_dict(strict=True)</c>, shared by every checkpoint reader: every
/// parameter and buffer of the network is in the file with its shape, and the file holds nothing else. A
/// partial load would silently leave random weights.</summary>
public static class StateDictFit
{
    /// <summary>Refuses <paramref name="found"/> (the file's tensors: name → shape, after any renaming) unless it
    /// matches <paramref name="expected"/> (the network's <c>state_dict()</c> shapes) exactly. The message names
    /// the file and up to 8 of each kind of mismatch (missing, unexpected, mis-shaped), then counts the rest.</summary>
    public static void Require(string path, IReadOnlyDictionary<string, long[]> expected, IReadOnlyDictionary<string, long[]> found)
    {
        var missing = expected.Keys.Where(k => !found.ContainsKey(k)).ToList();
        var unexpected = found.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var misshapen = expected.Keys.Where(k => found.TryGetValue(k, out var shape) && !shape.SequenceEqual(expected[k]))
            .Select(k => $"{k} [{string.Join(",", found[k])}] vs [{string.Join(",", expected[k])}]").ToList();
        if (missing.Count + unexpected.Count + misshapen.Count > 0)
            throw new InvalidDataException(
                $"{path} does not fit the network: " +
                (missing.Count > 0 ? $"missing {string.Join(", ", missing.Take(8))}{More(missing)}; " : "") +
                (unexpected.Count > 0 ? $"unexpected {string.Join(", ", unexpected.Take(8))}{More(unexpected)}; " : "") +
                (misshapen.Count > 0 ? $"shapes differ for {string.Join(", ", misshapen.Take(8))}{More(misshapen)}" : ""));
    }

    static string More<T>(List<T> items) => items.Count > 8 ? $" and {items.Count - 8} more" : "";
}
