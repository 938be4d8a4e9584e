namespace BBScore.Slurm;

/// <summary>The state of one array task, as scontrol names it (JobState=...).</summary>
public enum SlurmTaskState
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
    Timeout,
    OutOfMemory,
    NodeFail,
    /// <summary>Any other end state (preempted, boot failure, deadline): the task did not complete.</summary>
    OtherEnded,
    /// <summary>The controller no longer knows the job (it forgets ended jobs after MinJobAge, 300 s by default).</summary>
    Unknown,
}

/// <summary>Reading SLURM's state names and telling running from ended.</summary>
public static class SlurmTaskStates
{
    /// <summary>Maps scontrol's JobState value to a <see cref="SlurmTaskState"/>.</summary>
    public static SlurmTaskState Parse(string jobState) => jobState switch
    {
        "PENDING" or "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" or "RESV_DEL_HOLD" or "SUSPENDED" => SlurmTaskState.Pending,
        "RUNNING" or "CONFIGURING" or "COMPLETING" or "STAGE_OUT" or "SIGNALING" or "RESIZING" => SlurmTaskState.Running,
        "COMPLETED" => SlurmTaskState.Completed,
        "FAILED" => SlurmTaskState.Failed,
        "CANCELLED" => SlurmTaskState.Cancelled,
        "TIMEOUT" => SlurmTaskState.Timeout,
        "OUT_OF_MEMORY" => SlurmTaskState.OutOfMemory,
        "NODE_FAIL" => SlurmTaskState.NodeFail,
        _ => SlurmTaskState.OtherEnded,
    };

    /// <summary>True once the task will not change any more.</summary>
    public static bool HasEnded(this SlurmTaskState state) => state is not (SlurmTaskState.Pending or SlurmTaskState.Running);
}
