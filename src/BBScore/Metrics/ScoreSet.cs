using System.Collections;

namespace BBScore.Metrics;

/// <summary>The score dictionary of one metric run, with the original's key names
/// (<c>raw_pearson</c>, <c>final_pearson</c>, <c>mean_cv</c>, ...) in insertion order, plus which
/// key is the headline number.</summary>
public sealed class ScoreSet : IEnumerable<KeyValuePair<string, ScoreValue>>
{
    readonly List<KeyValuePair<string, ScoreValue>> _entries = new();
    readonly List<KeyValuePair<string, IReadOnlyList<string>>> _labels = new();

    public ScoreSet(string headlineKey) => HeadlineKey = headlineKey;

    /// <summary>The key whose scalar value is reported as "the score".</summary>
    public string HeadlineKey { get; }

    public double Headline => TryGet(HeadlineKey, out var v) && v.IsScalar ? v.Scalar : double.NaN;

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public ScoreValue this[string key] => TryGet(key, out var v) ? v : throw new KeyNotFoundException($"No score key '{key}'.");

    public void Add(string key, ScoreValue value)
    {
        if (_entries.Any(e => e.Key == key)) throw new ArgumentException($"Score key '{key}' already present.");
        _entries.Add(new(key, value));
    }

    public void Add(string key, double value) => Add(key, ScoreValue.Of(value));
    public void Add(string key, double[] value) => Add(key, ScoreValue.Of(value));
    public void Add(string key, double[,] value) => Add(key, ScoreValue.Of(value));

    /// <summary>Named lists of strings stored beside the scores (e.g. <c>story_names</c>: which story each per-story
    /// value belongs to), in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Labels => _labels;

    public void AddLabels(string key, IReadOnlyList<string> values)
    {
        if (_labels.Any(e => e.Key == key)) throw new ArgumentException($"Label list '{key}' already present.");
        _labels.Add(new(key, values.ToArray()));
    }

    /// <summary>The same entries and labels under another headline key.</summary>
    public ScoreSet WithHeadline(string headlineKey)
    {
        var copy = new ScoreSet(headlineKey);
        copy._entries.AddRange(_entries);
        copy._labels.AddRange(_labels);
        return copy;
    }

    public bool TryGet(string key, out ScoreValue value)
    {
        foreach (var e in _entries)
            if (e.Key == key) { value = e.Value; return true; }
        value = null!;
        return false;
    }

    public IEnumerator<KeyValuePair<string, ScoreValue>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
