using BBScore.Progress;
using BBScore.Slurm;
using BBScore.Tests.Support;

namespace BBScore.Tests.Slurm;

/// <summary>Job arrays on a real cluster (CI: tools/slurm-local.sh's one node, 2 CPUs). Each task runs
/// /bin/sh with the index spliced in; marker files make a task fail or hang only on its first run, so a
/// resubmission of that index completes. Gated by <see cref="SlurmTestCluster"/>: never skipped.</summary>
public class SlurmClusterTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    static SlurmArrayJob Array(SlurmClient client, TempDir dir, string name, string shellScript, int tasks = 3) =>
        new(client, name, ["/bin/sh", "-c", shellScript], tasks, Path.Combine(dir.Path, "job"),
            new SlurmResources(Time: "00:05:00", Mem: "100M", CpusPerTask: 1), workingDirectory: dir.Path,
            pollInterval: TimeSpan.FromMilliseconds(250));

    [Fact]
    public void EveryTaskRunsWithItsIndex()
    {
        if (SlurmTestCluster.ClientOrFallback() is not { } client) return;
        using var dir = new TempDir();
        var job = Array(client, dir, "bbscore-test-index", "echo task {task}; echo {task} > out-{task}.txt");
        string id = job.Submit();
        var progress = new RecordingProgress();
        var results = job.Wait(progress, Limit);

        Assert.Equal([0, 1, 2], results.Select(r => r.Index));
        Assert.All(results, r => Assert.Equal((SlurmTaskState.Completed, 0, id), (r.State, r.ExitCode, r.JobId)));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal($"{i}\n", File.ReadAllText(Path.Combine(dir.Path, $"out-{i}.txt")));
            Assert.Equal($"task {i}\n", File.ReadAllText(results[i].LogPath));
        }
        Assert.Empty(job.FailedIndices);
        Assert.Equal(3, progress.LastDone);
        Assert.Empty(progress.Warnings);
    }

    [Fact]
    public void FailedTaskIsReportedWithItsLogAndCompletesWhenResubmittedAlone()
    {
        if (SlurmTestCluster.ClientOrFallback() is not { } client) return;
        using var dir = new TempDir();
        var job = Array(client, dir, "bbscore-test-fail",
            "if [ {task} = 1 ] && [ ! -e failed-once ]; then touch failed-once; echo failing on purpose; exit 3; fi; echo ok {task}");
        string first = job.Submit();
        var progress = new RecordingProgress();
        var results = job.Wait(progress, Limit);

        var failed = results[1];
        Assert.Equal((SlurmTaskState.Failed, 3), (failed.State, failed.ExitCode));
        Assert.Equal(job.LogPath(first, 1), failed.LogPath);
        Assert.Contains("failing on purpose", File.ReadAllText(failed.LogPath));
        Assert.Equal([1], job.FailedIndices);
        Assert.Contains(progress.Warnings, w => w.Contains("task 1") && w.Contains("FAILED") && w.Contains(failed.LogPath));

        string second = job.Resubmit(job.FailedIndices);
        var retried = job.Wait(SilentProgress.Instance, Limit)[1];
        Assert.Equal((SlurmTaskState.Completed, second), (retried.State, retried.JobId));
        Assert.Equal("ok 1\n", File.ReadAllText(retried.LogPath));
        // The other tasks stay as the first array left them, and the failed run's log is kept.
        Assert.All(job.Tasks.Where(t => t.Index != 1), t => Assert.Equal((SlurmTaskState.Completed, first), (t.State, t.JobId)));
        Assert.True(File.Exists(failed.LogPath));
        Assert.Empty(job.FailedIndices);
    }

    [Fact]
    public void TaskCancelledMidRunIsReportedAndCompletesWhenResubmitted()
    {
        if (SlurmTestCluster.ClientOrFallback() is not { } client) return;
        using var dir = new TempDir();
        // Task 1 announces that it runs, then sleeps far past the test unless cancelled.
        var job = Array(client, dir, "bbscore-test-cancel",
            "if [ {task} = 1 ] && [ ! -e started-once ]; then touch started-once; sleep 300; fi; echo done {task}");
        string first = job.Submit();
        string marker = Path.Combine(dir.Path, "started-once");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(marker))
        {
            Assert.True(clock.Elapsed < Limit, "task 1 did not start");
            Thread.Sleep(100);
        }
        client.CancelTask(first, 1);
        var results = job.Wait(SilentProgress.Instance, Limit);

        Assert.Equal(SlurmTaskState.Cancelled, results[1].State);
        Assert.Equal([1], job.FailedIndices);
        Assert.All(results.Where(r => r.Index != 1), r => Assert.Equal(SlurmTaskState.Completed, r.State));

        string second = job.Resubmit([1]);
        var retried = job.Wait(SilentProgress.Instance, Limit)[1];
        Assert.Equal(second, retried.JobId);
        Assert.Equal(SlurmTaskState.Completed, retried.State);
        Assert.Equal("done 1\n", File.ReadAllText(retried.LogPath));
    }

    /// <summary>Keeps what the job reported, to check the progress and the warnings naming failed tasks.</summary>
    sealed class RecordingProgress : IProgressSink
    {
        public long LastDone { get; private set; }
        public List<string> Warnings { get; } = [];
        public T Track<T>(string label, long total, Func<Action<long>, T> work) => work(done => LastDone = done);
        public void Info(string message) { }
        public void Warn(string message) => Warnings.Add(message);
    }
}
