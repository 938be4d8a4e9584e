using BBScore.Models.Catalog;

namespace BBScore.Models.WeightFree;

/// <summary>Weight-free models computed directly: pixel, hmax, motion-energy.</summary>
public sealed class WeightFreeModelFamily : IOfflineModelFamily
{
    public bool Supports(ModelCard card) => false;

    public string Status(ModelCard card, string modelsDir) => "offline (coming)";

    public IFeatureModel Open(ModelCard card, ModelOpenOptions options, string modelsDir) =>
        throw new NotSupportedException($"{card.Key} is not built yet.");
}
