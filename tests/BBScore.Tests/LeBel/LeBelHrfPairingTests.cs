using BBScore.Datasets.LeBel;

namespace BBScore.Tests.LeBel;

public sealed class LeBelHrfPairingTests
{
    [Fact]
    public void Features_of_TR_t_predict_fMRI_of_TR_t_plus_2_within_the_shorter_of_the_two()
    {
        // Story 0: 5 feature TRs, 4 fMRI TRs -> n = 4: (0,2), (1,3). Story 1: 2 TRs -> too short. Story 2: 3 and 6 -> (0,2).
        var pairs = LeBelHrfPairing.Pairs([(5, 4), (2, 2), (3, 6)]);
        Assert.Equal([new(0, 0, 2), new(0, 1, 3), new(2, 0, 2)], pairs);
    }

    [Fact]
    public void No_delay_pairs_every_common_TR()
    {
        Assert.Equal([new(0, 0, 0), new(0, 1, 1)], LeBelHrfPairing.Pairs([(2, 3)], delay: 0));
    }
}
