using BBScore.Stimuli;

namespace BBScore.Datasets.LeBel;

/// <summary>A TR-level stimulus set (text or audio): its stimuli and where they sit in the stories' TRs.</summary>
public interface ILeBelTrStimuli : IStimulusSet
{
    LeBelTrLayout Layout { get; }
}
