using System.Text.Json;
using BBScore.Data.Download;
using BBScore.Datasets.LeBel;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.LeBel;

/// <summary>The committed LeBel2023 fixture (tests/fixtures/generate_lebel_fixture.py) as the real sources serve it, on
/// loopback: the bucket tree as OpenNeuro's S3 (ListObjectsV2 in pages of 3 keys) and the ceiling file as the
/// original's repository serves it; and the generator's expected values.</summary>
internal sealed class LeBelFixture : IDisposable
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "lebel");

    readonly LoopbackServer _repository;
    readonly EnvironmentVariableScope _environment;

    /// <param name="bucketRoot">Another tree to serve as the bucket (default: the fixture's).</param>
    public LeBelFixture(string? bucketRoot = null)
    {
        Bucket = new LoopbackS3Bucket(bucketRoot ?? Path.Combine(Root, "bucket"), LeBelSources.Bucket);
        byte[] ceiling = File.ReadAllBytes(Path.Combine(Root, LeBelSources.CeilingFile));
        _repository = new LoopbackServer(ctx => LoopbackServer.ServeBytes(ctx, ceiling));
        _environment = new EnvironmentVariableScope((S3Source.EndpointVariable, Bucket.Endpoint),
            (LeBelSources.CeilingUrlVariable, _repository.BaseUrl + "/" + LeBelSources.CeilingFile));
    }

    public LoopbackS3Bucket Bucket { get; }

    /// <summary>The generator's values for one participant.</summary>
    public static JsonElement Expected(string subject) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "expected.json"))).RootElement.GetProperty(subject);

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>Every fixture story: its name, its TextGrid and the generator's cumulative text per TR (the original's rule).</summary>
    public static IReadOnlyList<(string Name, string TextGrid, string[] TrTexts)> TrTextStories() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "expected.json"))).RootElement.GetProperty("tr_texts").EnumerateObject()
            .Select(s => (s.Name, Path.Combine(Root, "bucket", LeBelSources.TextGridPrefix() + s.Name + ".TextGrid"),
                          s.Value.EnumerateArray().Select(e => e.GetString()!).ToArray()))
            .ToList();

    /// <summary>A JSON list of rows as a matrix.</summary>
    public static double[,] Matrix(JsonElement rows)
    {
        var r = rows.EnumerateArray().Select(Doubles).ToArray();
        var m = new double[r.Length, r[0].Length];
        for (int i = 0; i < r.Length; i++)
            for (int j = 0; j < r[0].Length; j++) m[i, j] = r[i][j];
        return m;
    }

    public void Dispose()
    {
        _environment.Dispose();
        _repository.Dispose();
        Bucket.Dispose();
    }
}
