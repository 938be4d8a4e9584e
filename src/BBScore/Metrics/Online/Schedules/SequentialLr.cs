namespace BBScore.Metrics.Online.Schedules;

/// <summary>PyTorch 1.13's <c>SequentialLR</c>: the schedulers take turns at the milestones. Construction resets the
/// rate to <c>initial_lr</c>, undoes the step each scheduler took when it was built and takes the first one's initial
/// step again; at a milestone the next scheduler is stepped to epoch 0 (its closed form).</summary>
public sealed class SequentialLr
{
    readonly IReadOnlyList<TorchLrScheduler> _schedulers;
    readonly IReadOnlyList<int> _milestones;
    int _lastEpoch;

    public SequentialLr(LrParamGroup group, IReadOnlyList<TorchLrScheduler> schedulers, IReadOnlyList<int> milestones)
    {
        if (milestones.Count != schedulers.Count - 1)
            throw new ArgumentException($"{schedulers.Count} schedulers take {schedulers.Count - 1} milestones, not {milestones.Count}.", nameof(milestones));
        (_schedulers, _milestones, _lastEpoch) = (schedulers, milestones, 0);
        group.Lr = group.InitialLr ?? group.Lr;
        foreach (var scheduler in schedulers) scheduler.LastEpoch--;
        schedulers[0].InitialStep();
    }

    public void Step()
    {
        _lastEpoch++;
        int index = _milestones.Count(m => m <= _lastEpoch); // bisect_right
        var scheduler = _schedulers[index];
        if (index > 0 && _milestones[index - 1] == _lastEpoch) scheduler.StepTo(0);
        else scheduler.Step();
    }
}
