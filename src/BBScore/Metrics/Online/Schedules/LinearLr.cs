namespace BBScore.Metrics.Online.Schedules;

/// <summary>PyTorch's <c>LinearLR</c>: the factor moves linearly from <paramref name="startFactor"/> to
/// <paramref name="endFactor"/> over <paramref name="totalIters"/> steps, then stays.</summary>
public sealed class LinearLr : TorchLrScheduler
{
    readonly double _start, _end;
    readonly int _total;

    public LinearLr(LrParamGroup group, double startFactor, double endFactor, int totalIters) : base(group)
    {
        if (startFactor is < 0 or > 1 || endFactor is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(startFactor), "LinearLR factors lie in [0, 1].");
        (_start, _end, _total) = (startFactor, endFactor, totalIters);
        InitialStep();
    }

    protected override double ChainableLr()
    {
        if (LastEpoch == 0) return Group.Lr * _start;
        if (LastEpoch > _total) return Group.Lr;
        return Group.Lr * (1.0 + (_end - _start) / (_total * _start + (LastEpoch - 1) * (_end - _start)));
    }

    protected override double ClosedFormLr() => BaseLr * (_start + (_end - _start) * Math.Min(_total, LastEpoch) / _total);
}
