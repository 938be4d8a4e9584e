namespace BBScore.Metrics.Online.Schedules;

/// <summary>PyTorch's <c>ConstantLR</c>: the rate times <paramref name="factor"/> for <paramref name="totalIters"/>
/// steps, then the base rate.</summary>
public sealed class ConstantLr : TorchLrScheduler
{
    readonly double _factor;
    readonly int _total;

    public ConstantLr(LrParamGroup group, double factor, int totalIters) : base(group)
    {
        if (factor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(factor), "ConstantLR's factor lies in [0, 1].");
        (_factor, _total) = (factor, totalIters);
        InitialStep();
    }

    protected override double ChainableLr()
    {
        if (LastEpoch == 0) return Group.Lr * _factor;
        if (LastEpoch != _total) return Group.Lr;
        return Group.Lr * (1.0 / _factor);
    }

    protected override double ClosedFormLr() => BaseLr * (_factor + (LastEpoch >= _total ? 1 - _factor : 0));
}
