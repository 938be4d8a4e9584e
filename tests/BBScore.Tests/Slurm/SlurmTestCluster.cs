using BBScore.Slurm;

namespace BBScore.Tests.Slurm;

/// <summary>The gate of the tests that run against a real cluster. .ci/run starts one
/// (tools/slurm-local.sh start) and sets BBSCORE_SLURM=1: then a cluster that does not answer fails the
/// test, naming the reason, instead of skipping it. Without the variable (a developer machine) the tests
/// still run against a cluster if one answers; if none does, they check the documented fallback instead:
/// the client refuses with a <see cref="SlurmUnavailableException"/> whose message gives the fix.</summary>
static class SlurmTestCluster
{
    public const string Variable = "BBSCORE_SLURM";

    /// <summary>A client of a working cluster, or null once the fallback has been asserted.</summary>
    public static SlurmClient? ClientOrFallback()
    {
        var client = new SlurmClient(new SlurmCommandRunner(timeout: TimeSpan.FromSeconds(20)));
        try
        {
            client.EnsureAvailable();
            return client;
        }
        catch (SlurmUnavailableException e)
        {
            if (Environment.GetEnvironmentVariable(Variable) == "1")
                Assert.Fail($"{Variable}=1 but the local SLURM cluster is not usable: {e.Message} (see /var/log/slurm/*.log)");
            Assert.Contains("tools/slurm-local.sh start", e.Message);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            return null;
        }
    }
}
