using BBScore.Slurm;

namespace BBScore.Tests.Slurm;

/// <summary>Reading scontrol's records and writing sbatch's inputs, on text captured from slurm-wlm 22.05.</summary>
public class SlurmParsingTests
{
    // Three records of `scontrol -o show job 1` (shortened) after task 2 was cancelled, 1 exited 3, 0 completed.
    const string ShowJob =
        "JobId=1 ArrayJobId=1 ArrayTaskId=2 JobName=a.sh JobState=CANCELLED Reason=None ExitCode=0:15 StdOut=/tmp/sl/task-2.log\n" +
        "JobId=3 ArrayJobId=1 ArrayTaskId=1 JobName=a.sh JobState=FAILED Reason=NonZeroExitCode ExitCode=3:0 StdOut=/tmp/sl/task-1.log\n" +
        "JobId=2 ArrayJobId=1 ArrayTaskId=0 JobName=a.sh JobState=COMPLETED Reason=None ExitCode=0:0\n";

    [Fact]
    public void ShowJobRecordsGiveStateExitCodeAndSignalPerTask()
    {
        var records = SlurmShowJobParser.Parse(ShowJob);
        Assert.Equal(3, records.Count);
        Assert.Equal(("1", SlurmTaskState.Cancelled, 0, 15), (records[0].ArrayJobId, records[0].State, records[0].ExitCode, records[0].Signal));
        Assert.Equal([2], records[0].TaskIndices);
        Assert.Equal((SlurmTaskState.Failed, 3, 0), (records[1].State, records[1].ExitCode, records[1].Signal));
        Assert.Equal(SlurmTaskState.Completed, records[2].State);
    }

    [Fact]
    public void PendingRecordsThatCoverSeveralTasksAreExpanded()
    {
        var records = SlurmShowJobParser.Parse("JobId=4 ArrayJobId=4 ArrayTaskId=0-5%1 JobState=PENDING ExitCode=0:0");
        Assert.Equal([0, 1, 2, 3, 4, 5], records.Single().TaskIndices);
        Assert.Equal([1, 3, 5, 6], SlurmShowJobParser.ParseIndices("1,3,5-6"));
        Assert.Equal("1-3,7", SlurmShowJobParser.FormatIndices([7, 3, 1, 2, 2]));
    }

    [Fact]
    public void EndedStatesAreTheOnesThatNoLongerChange()
    {
        Assert.False(SlurmTaskStates.Parse("PENDING").HasEnded());
        Assert.False(SlurmTaskStates.Parse("COMPLETING").HasEnded());
        Assert.True(SlurmTaskStates.Parse("TIMEOUT").HasEnded());
        Assert.Equal(SlurmTaskState.OtherEnded, SlurmTaskStates.Parse("PREEMPTED"));
    }

    [Fact]
    public void ResourcesPassThroughAsOneArgumentEach()
    {
        var resources = new SlurmResources("gpu", "01:00:00", "16G", 4, "gpu:a100:1");
        Assert.Equal(["--partition=gpu", "--time=01:00:00", "--mem=16G", "--cpus-per-task=4", "--gres=gpu:a100:1"], resources.ToArguments());
        Assert.Empty(new SlurmResources().ToArguments());
    }

    [Fact]
    public void ScriptQuotesEveryArgumentAndSplicesTheTaskIndex()
    {
        string script = SlurmBatchScript.Write(["/bin/echo", "it's $HOME; rm -rf /", "cell-{task}.json"], "/data/my sweep");
        Assert.Contains("cd '/data/my sweep'\n", script);
        Assert.Contains("exec '/bin/echo' 'it'\\''s $HOME; rm -rf /' 'cell-'\"${SLURM_ARRAY_TASK_ID}\"'.json'\n", script);
    }
}
