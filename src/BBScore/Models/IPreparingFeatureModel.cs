using BBScore.Features;
using BBScore.Stimuli;

namespace BBScore.Models;

/// <summary>A model whose input preparation (resize, normalise, tokenise) is a step of its own, so the extractor can
/// schedule it: beside inference when inference leaves the CPU free, between runs on all cores otherwise.</summary>
public interface IPreparingFeatureModel : IFeatureModel
{
    /// <summary>Converts a batch into model inputs. Safe to call while <see cref="Extract(IPreparedBatch, IReadOnlyList{string})"/>
    /// runs on another batch.</summary>
    IPreparedBatch Prepare(IReadOnlyList<Stimulus> batch);

    /// <summary>True when inference runs on this machine's CPU with a thread per core, so preparing the next batch
    /// at the same time would only take cores from it; false when it runs on an accelerator.</summary>
    bool InferenceUsesEveryCore { get; }

    /// <summary>Runs a prepared batch; as <see cref="IFeatureModel.Extract"/> otherwise.</summary>
    IReadOnlyDictionary<string, FeatureTensor> Extract(IPreparedBatch batch, IReadOnlyList<string> layers);
}

/// <summary>A batch in a model's input form; dispose it after the run.</summary>
public interface IPreparedBatch : IDisposable
{
    int Count { get; }
}
