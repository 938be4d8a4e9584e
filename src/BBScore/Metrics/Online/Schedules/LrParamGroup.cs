namespace BBScore.Metrics.Online.Schedules;

/// <summary>The learning rate of an optimizer's parameter group, as PyTorch's schedulers see it: the current
/// <c>lr</c>, and the <c>initial_lr</c> the first scheduler records (later schedulers take it as their base).</summary>
public sealed class LrParamGroup(double lr)
{
    public double Lr { get; set; } = lr;

    public double? InitialLr { get; set; }
}
