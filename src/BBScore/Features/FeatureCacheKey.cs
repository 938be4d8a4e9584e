using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BBScore.Models;

namespace BBScore.Features;

/// <summary>Content address of one layer's features for one stimulus set: the SHA-256 of every input
/// that changes the numbers (model id + weights hash, preprocessing, layer, stimulus-set content
/// hash, postprocessing, format version) — never names alone.</summary>
public sealed record FeatureCacheKey(string Hash, JsonObject Description)
{
    /// <summary>Bump when the stored layout or extraction semantics change, so old entries miss.</summary>
    public const int FormatVersion = 1;

    public static FeatureCacheKey For(ModelIdentity model, string layer, string stimulusSetName, string stimulusSetHash, string postprocess)
    {
        var description = new JsonObject
        {
            ["format_version"] = FormatVersion,
            ["model"] = model.Id,
            ["weights_sha256"] = model.WeightsHash,
            ["preprocessing"] = model.Preprocessing,
            ["layer"] = layer,
            ["stimulus_set"] = stimulusSetName,
            ["stimulus_set_hash"] = stimulusSetHash,
            ["postprocess"] = postprocess,
        };
        // Names are kept in the description for humans; the hash covers only what changes numbers.
        string canonical = string.Join("\n", model.WeightsHash, model.Preprocessing, layer, stimulusSetHash, postprocess, FormatVersion);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new FeatureCacheKey(hash, description);
    }
}
