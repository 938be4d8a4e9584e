namespace BBScore.Benchmarks;

/// <summary>What a user's own experiment is made of (<c>bbscore run --stimuli ...</c>): a folder or
/// CSV of stimulus files (images, clips, sounds or texts), and either responses (<c>--targets</c>, one
/// row per stimulus) or precomputed RDMs (<c>--target-rdm</c>), never both.</summary>
public sealed record AdHocBenchmarkFiles(string Stimuli, string? Targets = null, string? TargetRdm = null)
{
    /// <summary>Fails unless exactly one kind of target is given.</summary>
    public void Validate()
    {
        if (Targets is null && TargetRdm is null)
            throw new ArgumentException("--stimuli needs what to score against: --targets responses.npy (one row per image) or --target-rdm rdm.npy (for --metric rsa).");
        if (Targets is not null && TargetRdm is not null)
            throw new ArgumentException("Give --targets (responses) or --target-rdm (precomputed RDMs), not both.");
    }
}
