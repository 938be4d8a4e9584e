using BBScore.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Tvsd;

/// <summary>The fixture dataset fetched and unpacked once per test class (through the loopback server,
/// so the folders are exactly what a real fetch produces).</summary>
public sealed class TvsdDataFixture : IDisposable
{
    readonly TempDir _dir = new();

    public TvsdDataFixture()
    {
        Home = new DataHome(_dir.Path);
        using var fixture = new TvsdFixture();
        (StimulusDir, AssemblyDir) = fixture.Fetch(Home);
    }

    public DataHome Home { get; }
    public string StimulusDir { get; }
    public string AssemblyDir { get; }

    public void Dispose() => _dir.Dispose();
}
