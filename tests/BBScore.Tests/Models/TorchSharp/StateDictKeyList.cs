using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace BBScore.Tests.Models.TorchSharp;

/// <summary>A network's state-dict keys and shapes against a generator's keys.json entry ([[key, shape], ...]), compared as
/// sets: checkpoints load by name, and TorchSharp lists a module's parameters before its buffers where torch interleaves.</summary>
public static class StateDictKeyList
{
    public static void AssertEqual(string keysJsonPath, string entry, nn.Module network)
    {
        using var keys = JsonDocument.Parse(File.ReadAllText(keysJsonPath));
        var expected = keys.RootElement.GetProperty(entry).EnumerateArray()
            .Select(e => $"{e[0].GetString()} [{string.Join(",", e[1].EnumerateArray().Select(d => d.GetInt64()))}]")
            .Order(StringComparer.Ordinal).ToList();

        var actual = network.state_dict().Select(e => $"{e.Key} [{string.Join(",", e.Value.shape)}]").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, actual);
    }
}
