namespace BBScore.Metrics.Online.Schedules;

/// <summary>PyTorch's <c>CosineAnnealingLR</c>: half a cosine from the base rate to <paramref name="etaMin"/> over
/// <paramref name="tMax"/> steps, in PyTorch's recursive form (which differs from the closed form in the last digits).</summary>
public sealed class CosineAnnealingLr : TorchLrScheduler
{
    readonly int _tMax;
    readonly double _etaMin;

    public CosineAnnealingLr(LrParamGroup group, int tMax, double etaMin = 0) : base(group)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tMax);
        (_tMax, _etaMin) = (tMax, etaMin);
        InitialStep();
    }

    protected override double ChainableLr()
    {
        if (LastEpoch == 0) return Group.Lr;
        if (StepCount == 1 && LastEpoch > 0) return ClosedFormLr();
        if (Mod(LastEpoch - 1 - _tMax, 2 * _tMax) == 0) return Group.Lr + (BaseLr - _etaMin) * (1 - Math.Cos(Math.PI / _tMax)) / 2;
        return (1 + Math.Cos(Math.PI * LastEpoch / _tMax)) / (1 + Math.Cos(Math.PI * (LastEpoch - 1) / _tMax)) * (Group.Lr - _etaMin) + _etaMin;
    }

    protected override double ClosedFormLr() => _etaMin + (BaseLr - _etaMin) * (1 + Math.Cos(Math.PI * LastEpoch / _tMax)) / 2;

    /// <summary>Python's %, which is never negative for a positive divisor.</summary>
    static int Mod(int a, int b) => ((a % b) + b) % b;
}
