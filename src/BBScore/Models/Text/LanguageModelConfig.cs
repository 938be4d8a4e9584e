using System.Text.Json;

namespace BBScore.Models.Text;

/// <summary>The context length of a language model, from the Hugging Face <c>config.json</c> exported beside
/// its weights (<c>n_positions</c> for GPT-2, <c>max_position_embeddings</c> for most others).</summary>
public static class LanguageModelConfig
{
    public const string FileName = "config.json";

    /// <summary>GPT-2's context length, which the original hard-codes (gpt2.py <c>context_length = 1024</c>).</summary>
    public const int Gpt2MaxTokens = 1024;

    /// <summary>The maximum token count in the <c>config.json</c> in <paramref name="folder"/>; null without one.</summary>
    public static int? MaxTokens(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (string key in (string[])["n_positions", "max_position_embeddings", "n_ctx"])
            if (document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n > 0)
                return n;
        return null;
    }
}
