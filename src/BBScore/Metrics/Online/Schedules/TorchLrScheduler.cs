namespace BBScore.Metrics.Online.Schedules;

/// <summary>PyTorch 1.13's <c>_LRScheduler</c> stepping rules, so that a schedule gives the learning rates PyTorch
/// gives step for step (the online read-outs are checked against PyTorch runs): construction records
/// <c>initial_lr</c> and takes one step; <see cref="Step"/> advances <c>last_epoch</c> and applies the chainable
/// (recursive) form; <see cref="StepTo"/> (what <c>SequentialLR</c> calls at a milestone) applies the closed form.</summary>
public abstract class TorchLrScheduler
{
    protected TorchLrScheduler(LrParamGroup group)
    {
        Group = group;
        group.InitialLr ??= group.Lr;
        BaseLr = group.InitialLr.Value;
        LastEpoch = -1;
    }

    public LrParamGroup Group { get; }

    protected double BaseLr { get; }

    public int LastEpoch { get; set; }

    protected int StepCount { get; private set; }

    public double LastLr { get; private set; }

    /// <summary>What the constructor of every PyTorch scheduler ends with; subclasses call it once their fields are set.</summary>
    public void InitialStep()
    {
        StepCount = 0;
        Step();
    }

    public void Step()
    {
        StepCount++;
        LastEpoch++;
        Apply(ChainableLr());
    }

    public void StepTo(int epoch)
    {
        StepCount++;
        LastEpoch = epoch;
        Apply(ClosedFormLr());
    }

    void Apply(double lr)
    {
        Group.Lr = lr;
        LastLr = lr;
    }

    /// <summary><c>get_lr()</c>: the next rate from the group's current one.</summary>
    protected abstract double ChainableLr();

    /// <summary><c>_get_closed_form_lr()</c>: the rate at <see cref="LastEpoch"/> from the base rate.</summary>
    protected abstract double ClosedFormLr();
}
