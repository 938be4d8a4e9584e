using BBScore.Models.Catalog;

namespace BBScore.Models;

/// <summary>A family of models this port computes itself (no ONNX file): re-built architectures with
/// loaded or random weights, fixed transforms. <see cref="ModelCatalog"/> asks each family in turn.</summary>
public interface IOfflineModelFamily
{
    /// <summary>True when this family can open <paramref name="card"/> (whether or not its weights are local yet).</summary>
    bool Supports(ModelCard card);

    /// <summary>The status column for a supported card, e.g. <c>ready (offline)</c>.</summary>
    string Status(ModelCard card, string modelsDir);

    /// <summary>Opens a supported card. <paramref name="modelsDir"/> is where downloaded weights are cached.</summary>
    IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir);
}
