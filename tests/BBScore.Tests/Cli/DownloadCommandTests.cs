using BBScore.Cli;
using BBScore.Data;
using BBScore.Datasets.Nsd;
using BBScore.Progress;
using BBScore.Tests.Nsd;
using BBScore.Tests.Support;

namespace BBScore.Tests.Cli;

/// <summary>`bbscore download` and `run --offline`: data files are fetched ahead of time, or their absence is
/// reported at once (no network) with the files and where they go.</summary>
public class DownloadCommandTests
{
    static (int Code, string Out, string Err) Run(DataHome home, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = BBScoreCli.Run(args, output, errors, home, new PlainProgress(errors));
        return (code, output.ToString(), errors.ToString());
    }

    static void PlaceNsdFiles(DataHome home)
    {
        string folder = Path.Combine(home.DatasetsDir, NsdSubjectFile.DatasetName);
        Directory.CreateDirectory(folder);
        foreach (string s in NsdSubjectFile.SubjectNames)
            File.Copy(NsdFixture.PathOf(s), Path.Combine(folder, NsdSubjectFile.FileName(s)));
    }

    [Fact]
    public void OfflineRunWithoutDataStopsListingTheMissingFiles()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var (code, _, err) = Run(home, "run", "--model", "resnet18", "--layer", "layer4", "--benchmark", "NSDV1Shared", "--metric", "ridge", "--offline");

        Assert.Equal(1, code);
        foreach (string s in NsdSubjectFile.SubjectNames) Assert.Contains(NsdSubjectFile.FileName(s), err);
        Assert.Contains(Path.Combine(home.DatasetsDir, NsdSubjectFile.DatasetName), err);
        Assert.False(Directory.Exists(home.ResultsDir) && Directory.EnumerateFiles(home.ResultsDir, "*.json").Any());
    }

    [Fact]
    public void OfflineDownloadCheckListsThePresentFiles()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        PlaceNsdFiles(home);

        var (code, output, err) = Run(home, "download", "NSDV1Shared", "NSDV4Shared", "--offline");

        Assert.True(code == 0, output + err);
        foreach (string s in NsdSubjectFile.SubjectNames) Assert.Contains(NsdSubjectFile.FileName(s), output);
        Assert.Contains("NSDV1Shared: 4 file(s) ready", output);
        Assert.Contains("NSDV4Shared: 4 file(s) ready", output);
    }

    [Fact]
    public void GeneratedBenchmarksHaveNothingToDownload()
    {
        using var dir = new TempDir();
        var (code, output, _) = Run(new DataHome(dir.Path), "download", "V1SineGratings");
        Assert.Equal(0, code);
        Assert.Contains("nothing to download", output);
    }

    [Fact]
    public void UnknownBenchmarkSuggestsCloseNamesBeforeDownloadingAnything()
    {
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        var (code, _, err) = Run(home, "download", "NSDV1Shared", "NSDV1Sharde");
        Assert.Equal(2, code);
        Assert.Contains("NSDV1Shared", err);
        Assert.False(Directory.Exists(home.DatasetsDir) && Directory.EnumerateFileSystemEntries(home.DatasetsDir).Any());
    }
}
