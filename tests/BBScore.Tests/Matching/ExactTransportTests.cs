using BBScore.Numerics.Transport;

namespace BBScore.Tests.Matching;

public class ExactTransportTests
{
    public static TheoryData<string> Cases() => new(MatchingFixture.Cases("emd"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cost_equals_pot_emd(string name)
    {
        var fixture = new MatchingFixture("emd", name);
        var a = fixture.Vector("a");
        var b = fixture.Vector("b");
        var cost = fixture.Matrix("cost");
        var result = ExactTransport.Solve(a, b, cost);

        Assert.Equal(fixture.Scalar("emd_cost"), result.Cost, 9);
        for (int i = 0; i < a.Length; i++)
        {
            double sum = 0;
            for (int j = 0; j < b.Length; j++)
            {
                Assert.True(result.Plan[i, j] >= 0);
                sum += result.Plan[i, j];
            }
            Assert.Equal(a[i], sum, 12);
        }
        for (int j = 0; j < b.Length; j++)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++) sum += result.Plan[i, j];
            Assert.Equal(b[j], sum, 12);
        }
        // Random continuous costs have a unique optimal plan: POT's.
        MatchingAssert.Close(fixture.Matrix("plan"), result.Plan, 1e-12, name);
    }

    [Fact]
    public void Square_uniform_transport_is_the_assignment()
    {
        var random = new Random(3);
        var cost = new double[7, 7];
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 7; j++) cost[i, j] = random.NextDouble();
        var uniform = Enumerable.Repeat(1.0 / 7, 7).ToArray();
        var assignment = BBScore.Numerics.Assignment.LinearSumAssignment.Solve(cost);
        Assert.Equal(assignment.Total(cost) / 7, ExactTransport.Solve(uniform, uniform, cost).Cost, 12);
    }

    [Fact]
    public void Unequal_masses_are_rejected() =>
        Assert.Throws<ArgumentException>(() => ExactTransport.Solve([0.5, 0.5], [0.4, 0.4], new double[,] { { 0, 1 }, { 1, 0 } }));
}
