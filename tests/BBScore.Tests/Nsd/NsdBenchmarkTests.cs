using System.Text.Json.Nodes;
using BBScore.Benchmarks;
using BBScore.Cli;
using BBScore.Data;
using BBScore.Datasets.Nsd;
using BBScore.Metrics;
using BBScore.Progress;
using BBScore.Results;
using BBScore.Tests.Data;
using BBScore.Tests.Support;

namespace BBScore.Tests.Nsd;

[Collection(EnvironmentCollection.Name)] // the CLI test points BBSCORE_DATA_URL at the fixture server
public sealed class NsdBenchmarkTests
{
    static readonly string[] SpecNames =
    [
        "NSDV1Shared", "NSDV1dShared", "NSDV1vShared", "NSDV2Shared", "NSDV2dShared", "NSDV2vShared", "NSDV3Shared",
        "NSDV3dShared", "NSDV3vShared", "NSDV4Shared", "NSDLateralShared", "NSDVentralShared", "NSDParietalShared",
        "NSDHighLateralShared", "NSDHighVentralShared", "NSDHighParietalShared", "NSDMidLateralShared",
        "NSDMidVentralShared", "NSDMidParietalShared",
    ];

    [Fact]
    public void The_19_names_of_the_spec_are_registered()
    {
        Assert.Equal(SpecNames, NsdBenchmarks.All.Select(b => b.Name));
        foreach (string name in SpecNames)
        {
            var spec = BenchmarkCatalog.Resolve(name);
            Assert.Equal("NSD", spec.Family);
            Assert.Equal("ridge", spec.SuggestedMetric);
            Assert.Equal(BenchmarkKind.Offline, spec.Kind);
            Assert.NotNull(spec.LoadWithProgress);
        }
        Assert.Contains("exactly 'ventral'", BenchmarkCatalog.Resolve("NSDHighVentralShared").Description);
    }

    [Fact]
    public void Load_downloads_the_four_subjects_and_builds_stimuli_targets_and_both_ceilings()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new NsdFixture();
        var data = NsdBenchmarks.Load(home, NsdRoi.Get("HighVentral"), SilentProgress.Instance, fixture.Files, DownloaderTests.FastOptions);
        foreach (string s in NsdSubjectFile.SubjectNames)
            Assert.Equal(1, fixture.Server.Count($"/gcs/bbscore_datasets/nsd/{s}_nativesurface_nsdgeneral.pkl"));

        var expected = NsdFixture.Expected["rois"]!["HighVentral"]!;
        int[] shape = expected["shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        Assert.Equal(shape, new[] { data.TrainTargets.GetLength(0), data.TrainTargets.GetLength(1) });
        Assert.Equal(shape[0], data.TrainStimuli.Count);
        Assert.Equal(NsdStimulusSet.SetName, data.TrainStimuli.Name);
        Assert.Null(data.TestStimuli);
        double[] ncsnr = expected["ncsnr"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(ncsnr, data.CeilingFor(CompatMode.BBScore));
        Assert.Same(data.Ceiling, data.CeilingFor(CompatMode.Fixed));
        double[] ceiling = expected["ceiling"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        for (int u = 0; u < ceiling.Length; u++) Assert.Equal(ceiling[u], data.Ceiling![u], 1e-12);
        // The four subjects' vertices, in column order, for the subject level of the error bars.
        Assert.Equal(4, data.UnitsPerSubject!.Count);
        Assert.Equal(shape[1], data.UnitsPerSubject.Sum());

        // Second load: everything is on disk, nothing is fetched again, even offline.
        var again = NsdBenchmarks.Load(home, NsdRoi.Get("V1"), SilentProgress.Instance, fixture.Files, DownloaderTests.FastOptions, offline: true);
        Assert.Equal(4, fixture.Server.Requests.Count);
        Assert.Equal(data.TrainStimuli.ContentHash, again.TrainStimuli.ContentHash);
    }

    [Fact]
    public void Cli_run_scores_resnet18_on_NSDV1Shared_with_ridge()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        using var fixture = new NsdFixture(driveUp: false);
        using var mirror = new EnvironmentVariableScope((BBScore.Data.Download.GcsSource.BaseUrlVariable, fixture.Server.BaseUrl + "/gcs/bbscore_datasets"));

        var output = new StringWriter();
        var errors = new StringWriter();
        int rc = BBScoreCli.Run(["run", "--model", "resnet18", "--layer", "_orig_mod.resnet.encoder.stages.3", "--benchmark", "NSDV1Shared",
            "--metric", "ridge"], output, errors, home, new PlainProgress(errors));
        Assert.True(rc == 0, output + "\n" + errors);
        Assert.Equal(4, fixture.Server.Requests.Count); // the four subject files, fetched from the mirror once
        foreach (string s in NsdSubjectFile.SubjectNames)
            Assert.Equal(File.ReadAllBytes(NsdFixture.PathOf(s)),
                         File.ReadAllBytes(Path.Combine(home.DatasetsDir, NsdSubjectFile.DatasetName, NsdSubjectFile.FileName(s))));

        using var store = new ResultStore(home.ResultsDatabase);
        var row = Assert.Single(store.Query(new ResultQuery { Benchmark = "NSDV1Shared" }));
        int units = NsdFixture.Expected["rois"]!["V1"]!["shape"]![1]!.GetValue<int>();
        Assert.Equal(units, row.Record.Ceiling!.Length);
        Assert.Equal("fixed", row.Record.Compat);
        var json = JsonNode.Parse(File.ReadAllText(row.JsonPath))!;
        Assert.Equal("NSDV1Shared", json["benchmark"]!.GetValue<string>());
        double[] fixedCeiling = NsdFixture.Expected["rois"]!["V1"]!["ceiling"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        for (int u = 0; u < units; u++) Assert.Equal(fixedCeiling[u], row.Record.Ceiling[u], 1e-12);

        // --compat bbscore stores (and divides by) the raw NCSNR, as the original.
        rc = BBScoreCli.Run(["run", "--model", "resnet18", "--layer", "_orig_mod.resnet.encoder.stages.3", "--benchmark", "NSDV1Shared",
            "--metric", "ridge", "--compat", "bbscore"], output, errors, home, new PlainProgress(errors));
        Assert.True(rc == 0, output + "\n" + errors);
        var compat = Assert.Single(store.Query(new ResultQuery { Benchmark = "NSDV1Shared" }), r => r.Record.Compat == "bbscore");
        Assert.Equal(NsdFixture.Expected["rois"]!["V1"]!["ncsnr"]!.AsArray().Select(v => v!.GetValue<double>()), compat.Record.Ceiling!);
    }
}
