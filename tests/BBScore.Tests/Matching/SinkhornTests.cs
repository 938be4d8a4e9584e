using BBScore.Numerics.Transport;

namespace BBScore.Tests.Matching;

public class SinkhornTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in MatchingFixture.Cases("sinkhorn"))
            for (int k = 0; k < 5; k++) data.Add(name, k);
        return data;
    }

    /// <summary>POT's plan: its default Sinkhorn–Knopp where that runs cleanly, its sinkhorn_log for the
    /// small regs where the default underflows (method_k = 1 in the fixture).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_matches_pot(string name, int k)
    {
        var fixture = new MatchingFixture("sinkhorn", name);
        var a = fixture.Vector("a");
        var b = fixture.Vector("b");
        var result = Sinkhorn.Solve(a, b, fixture.Matrix("cost"), fixture.Scalar($"reg_{k}"), (int)fixture.Scalar($"iters_{k}"));
        MatchingAssert.Close(fixture.Matrix($"plan_{k}"), result.Plan, 1e-5, $"{name} reg {fixture.Scalar($"reg_{k}")}");
        for (int i = 0; i < a.Length; i++)
        {
            double rowSum = 0;
            for (int j = 0; j < b.Length; j++) rowSum += result.Plan[i, j];
            Assert.Equal(a[i], rowSum, 10); // the last update fits the rows exactly
        }
    }

    [Fact]
    public void Tiny_reg_gives_a_finite_plan_close_to_the_exact_one()
    {
        var fixture = new MatchingFixture("emd", "uniform_6x9");
        var a = fixture.Vector("a");
        var b = fixture.Vector("b");
        var cost = fixture.Matrix("cost");
        var result = Sinkhorn.Solve(a, b, cost, 1e-4, 100_000);
        double total = 0;
        foreach (double p in result.Plan) Assert.True(double.IsFinite(p));
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) total += result.Plan[i, j] * cost[i, j];
        Assert.Equal(fixture.Scalar("emd_cost"), total, 3);
    }

    [Fact]
    public void Reports_convergence_and_iterations()
    {
        var fixture = new MatchingFixture("sinkhorn", "uniform_5x12");
        var converged = Sinkhorn.Solve(fixture.Vector("a"), fixture.Vector("b"), fixture.Matrix("cost"), 1.0, 1000);
        Assert.True(converged.Converged);
        Assert.True(converged.Iterations < 1000);
        var stopped = Sinkhorn.Solve(fixture.Vector("a"), fixture.Vector("b"), fixture.Matrix("cost"), 1e-3, 3);
        Assert.Equal(3, stopped.Iterations);
        Assert.False(stopped.Converged);
    }

    [Fact]
    public void Rejects_bad_inputs()
    {
        var cost = new double[,] { { 0, 1 }, { 1, 0 } };
        Assert.Throws<ArgumentOutOfRangeException>(() => Sinkhorn.Solve([0.5, 0.5], [0.5, 0.5], cost, 0));
        Assert.Throws<ArgumentException>(() => Sinkhorn.Solve([0.5, 0.5], [0.5, 0.5], new double[,] { { 0, double.NaN }, { 1, 0 } }, 1));
        Assert.Throws<ArgumentException>(() => Sinkhorn.Solve([1.0, 0], [0.5, 0.5], cost, 1));
    }
}
