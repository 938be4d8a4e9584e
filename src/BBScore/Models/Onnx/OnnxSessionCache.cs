using Microsoft.ML.OnnxRuntime;

namespace BBScore.Models.Onnx;

/// <summary>Keeps the sessions built for the most recently used sets of output tensors. Each session
/// holds its own copy of the weights, so only a few are kept; a layer sweep that asks for one layer
/// at a time reuses at most these.</summary>
public sealed class OnnxSessionCache : IDisposable
{
    readonly Func<IReadOnlyList<string>, InferenceSession> _create;
    readonly int _capacity;
    readonly LinkedList<(string Key, InferenceSession Session)> _recent = new();

    public OnnxSessionCache(Func<IReadOnlyList<string>, InferenceSession> create, int capacity = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _create = create;
        _capacity = capacity;
    }

    /// <summary>The session whose graph outputs are exactly these tensors (order does not matter).</summary>
    public InferenceSession Get(IReadOnlyList<string> tensors)
    {
        var sorted = tensors.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string key = string.Join("\n", sorted);
        for (var entry = _recent.First; entry != null; entry = entry.Next)
        {
            if (entry.Value.Key != key) continue;
            _recent.Remove(entry);
            _recent.AddFirst(entry);
            return entry.Value.Session;
        }
        var session = _create(sorted);
        _recent.AddFirst((key, session));
        while (_recent.Count > _capacity)
        {
            _recent.Last!.Value.Session.Dispose();
            _recent.RemoveLast();
        }
        return session;
    }

    public void Dispose()
    {
        foreach (var (_, session) in _recent) session.Dispose();
        _recent.Clear();
    }
}
