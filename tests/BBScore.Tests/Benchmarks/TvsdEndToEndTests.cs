using BBScore.Cli;
using BBScore.Data;
using BBScore.Data.Download;
using BBScore.Datasets.Tvsd;
using BBScore.Progress;
using BBScore.Results;
using BBScore.Tests.Support;
using BBScore.Tests.Tvsd;

namespace BBScore.Tests.Benchmarks;

/// <summary>`bbscore run` on TVSD end to end: the CLI downloads the fixture dataset from a loopback mirror named
/// by BBSCORE_DATA_URL, extracts it, builds the assemblies and stores results whose ceilings are the recordings'.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class TvsdEndToEndTests
{
    static (int Code, string Out, string Err) Run(DataHome home, params string[] args) => CliRun.Run(home, args);

    static EnvironmentVariableScope Mirror(TvsdFixture fixture) =>
        new((GcsSource.BaseUrlVariable, fixture.Server.BaseUrl + "/gcs/bbscore_datasets"));

    [Fact]
    public void Model_benchmark_downloads_stimuli_and_default_bins_then_scores_resnet18()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new TvsdFixture();
        using var mirror = Mirror(fixture);

        // Judged by the published size (22,248 images x 25,088 features) before anything is downloaded: 4 GB is too little
        // even with the features streamed from the feature cache (the 22,248² decomposition alone needs 5.5 GiB).
        var (rc, output, errors) = (0, "", "");
        using (new EnvironmentVariableScope(("BBSCORE_MEMORY_LIMIT", "4G")))
            (rc, output, errors) = Run(home, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "TVSDV1", "--metric", "ridge");
        Assert.Equal(1, rc);
        Assert.Contains("--random-projection sparse", errors);
        Assert.Empty(fixture.Server.Requests);

        using var roomy = new EnvironmentVariableScope(("BBSCORE_MEMORY_LIMIT", "1T"));
        (rc, output, errors) = Run(home, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "TVSDV1", "--metric", "ridge");
        Assert.True(rc == 0, output + "\n" + errors);
        Assert.Equal(0, fixture.Server.Count("/gcs/bbscore_datasets/TVSDAssembly/10msBins.zip")); // default bins only
        Assert.True(fixture.Server.Count("/gcs/bbscore_datasets/TVSDAssembly/defaultBins.zip") >= 1);

        using var store = new ResultStore(home.ResultsDatabase);
        var row = Assert.Single(store.Query(new ResultQuery { Benchmark = "TVSDV1" }));
        var expected = TvsdAssembly.Load(Path.Combine(home.DatasetsDir, TvsdFiles.AssemblyDatasetName), TvsdMonkeys.Both, TvsdArea.V1, TvsdBins.Default);
        Assert.Equal(1024, row.Record.Ceiling!.Length);
        Assert.Equal(expected.Ceiling, row.Record.Ceiling);
        Assert.Contains("final_pearson", row.Record.Scores.Keys);

        // Everything is local now: an offline run needs no server.
        fixture.Server.Requests.Clear();
        (rc, output, errors) = Run(home, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "TVSDV1", "--metric", "ridge", "--offline");
        Assert.True(rc == 0, output + "\n" + errors);
        Assert.Empty(fixture.Server.Requests);
    }

    [Fact]
    public void Assembly_to_assembly_runs_with_model_None_and_names_the_source()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new TvsdFixture();
        using var mirror = Mirror(fixture);

        var (rc, output, errors) = Run(home, "run", "--model", "None", "--benchmark", "TVSDMonkeyFV1toNV4", "--metric", "ridge");
        Assert.True(rc == 0, output + "\n" + errors);
        Assert.Equal(0, fixture.Server.Count("/gcs/bbscore_datasets/TVSDStimulusSet/")); // no images needed

        using var store = new ResultStore(home.ResultsDatabase);
        var row = Assert.Single(store.Query(new ResultQuery { Benchmark = "TVSDMonkeyFV1toNV4" }));
        Assert.Equal("None", row.Record.Model);
        Assert.Equal("TVSDAssemblyMonkeyFV1", row.Record.Layer);
        var target = TvsdAssembly.Load(Path.Combine(home.DatasetsDir, TvsdFiles.AssemblyDatasetName), [TvsdMonkey.N], TvsdArea.V4, TvsdBins.Default);
        Assert.Equal(target.Ceiling, row.Record.Ceiling);
        Assert.True(double.IsFinite(row.Record.Scores["final_unceiled_pearson"].Scalar));

        // The model may be left out (the default model does not apply); a model is refused.
        (rc, output, errors) = Run(home, "run", "--benchmark", "TVSD_V1_to_IT", "--metric", "ridge");
        Assert.True(rc == 0, output + "\n" + errors);
        (rc, _, errors) = Run(home, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "TVSD_V1_to_IT", "--metric", "ridge");
        Assert.NotEqual(0, rc);
        Assert.Contains("--model None", errors);
    }

    [Fact]
    public void Ten_ms_assembly_to_assembly_scores_every_bin_with_temporal_ridge()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new TvsdFixture();
        using var mirror = Mirror(fixture);

        var (rc, output, errors) = Run(home, "run", "--model", "None", "--benchmark", "TVSD_V1_to_V4_10ms", "--metric", "temporal_ridge");
        Assert.True(rc == 0, output + "\n" + errors);
        Assert.Equal(0, fixture.Server.Count("/gcs/bbscore_datasets/TVSDAssembly/defaultBins.zip"));

        using var store = new ResultStore(home.ResultsDatabase);
        var row = Assert.Single(store.Query(new ResultQuery { Benchmark = "TVSD_V1_to_V4_10ms" }));
        Assert.Equal(448 * 18, row.Record.Ceiling!.Length);
        Assert.Equal(18, row.Record.Scores["final_pearson"].Data.Length);
    }

    [Fact]
    public void Offline_without_data_lists_the_missing_archive_and_downloads_nothing()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new TvsdFixture();
        using var mirror = Mirror(fixture);

        var (rc, _, errors) = Run(home, "run", "--model", "None", "--benchmark", "TVSDMonkeyNITtoFIT", "--metric", "ridge", "--offline");
        Assert.Equal(1, rc);
        Assert.Contains("defaultBins.zip", errors);
        Assert.Contains(Path.Combine(home.DatasetsDir, TvsdFiles.AssemblyDatasetName), errors);
        Assert.Empty(fixture.Server.Requests);
    }

    [Fact]
    public void Download_fetches_what_the_benchmark_needs_so_an_offline_run_works()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new TvsdFixture();
        using var mirror = Mirror(fixture);

        var (rc, output, errors) = Run(home, "download", "TVSDMonkeyFITtoNIT10ms");
        Assert.True(rc == 0, output + "\n" + errors);
        Assert.Equal(1, fixture.Server.Count("/gcs/bbscore_datasets/TVSDAssembly/10msBins.zip"));
        Assert.Equal(0, fixture.Server.Count("/gcs/bbscore_datasets/TVSDStimulusSet/"));
        (rc, output, errors) = Run(home, "download", "TVSDMonkeyFITtoNIT10ms", "--offline");
        Assert.True(rc == 0, output + "\n" + errors);

        fixture.Server.Requests.Clear();
        (rc, output, errors) = Run(home, "run", "--model", "None", "--benchmark", "TVSDMonkeyFITtoNIT10ms", "--metric", "ridge", "--offline");
        Assert.True(rc == 0, output + "\n" + errors);
        Assert.Empty(fixture.Server.Requests);
    }
}
