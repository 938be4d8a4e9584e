using System.Diagnostics;
using BBScore.Data;
using BBScore.Metrics;
using BBScore.Report.Rendering;
using BBScore.Results;
using BBScore.Tests.Nsd;
using BBScore.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BBScore.Tests.Report;

/// <summary>End to end: a results store made by real runs (V1SineGratings offline, NSD from the fixture server), then
/// <c>bbscore report</c>, then the page opened in Debian's headless Chromium through Playwright (never Playwright's
/// own browser download: there is no network). A missing Chromium fails the test, naming the package.</summary>
[Collection(EnvironmentCollection.Name)] // the NSD runs point BBSCORE_DATA_URL's variable at the fixture server
public sealed class ReportBrowserTests(ITestOutputHelper output)
{
    const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task Report_page_of_real_runs_loads_sorts_and_shows_every_plot_in_chromium()
    {
        Assert.True(File.Exists(ChromiumPath), $"the browser test needs Debian's Chromium at {ChromiumPath}: apt-get install -y chromium");
        var clock = Stopwatch.StartNew();
        using var dir = new TempDir();
        var home = new DataHome(dir.Path);
        MakeStore(home);
        output.WriteLine($"store made in {clock.Elapsed.TotalSeconds:F1} s");

        string folder = Path.Combine(dir.Path, "report");
        var (code, stdout, stderr) = CliRun.Run(home, "report", "--out", folder);
        Assert.True(code == 0, stdout + stderr);
        output.WriteLine(stdout.Trim());
        string page = Path.Combine(folder, ReportWriter.PageFile);
        var plotFiles = Directory.GetFiles(Path.Combine(folder, HtmlPageWriter.PlotFolder));
        Assert.All(plotFiles, f => Assert.True(new FileInfo(f).Length > 0, $"{f} is empty"));
        var pngs = plotFiles.Where(f => f.EndsWith(".png", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order().ToList();
        var svgs = plotFiles.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order().ToList();
        Assert.Equal(pngs, svgs);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        var tab = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var errors = new List<string>();
        tab.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        tab.PageError += (_, error) => errors.Add(error);
        tab.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url}");
        await tab.GotoAsync(new Uri(page).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        // Every plot is on the page, loaded and non-empty; every PNG beside the page is shown.
        var images = System.Text.Json.JsonSerializer.Deserialize<ImageState[]>(await tab.EvaluateAsync<string>(
            "() => JSON.stringify(Array.from(document.images).map(i => ({ Src: i.getAttribute('src'), Complete: i.complete, NaturalWidth: i.naturalWidth })))"))!;
        Assert.Equal(pngs.Count, images.Length);
        Assert.All(images, i => Assert.True(i.Complete && i.NaturalWidth > 0, $"{i.Src} did not load"));
        Assert.Equal(pngs, images.Select(i => Path.GetFileNameWithoutExtension(i.Src)).Order());
        foreach (string section in (string[])["profiles", "targets", "rsa", "orientation", "alpha", "training"])
            Assert.True(await tab.Locator($"section#{section} img").CountAsync() > 0, $"section {section} has no plot");

        // Sorting: the score column ascending, then descending; the model column alphabetically.
        int rows = await tab.Locator("#leaderboard tbody tr").CountAsync();
        Assert.Equal(7, rows); // 2 layers × 2 metrics on gratings, 2 NSD stages, 1 hand-made
        var scoreHeader = tab.Locator("#leaderboard th", new PageLocatorOptions { HasTextString = "score" }).First;
        await scoreHeader.ClickAsync();
        var ascending = await SortKeys(tab, 5);
        Assert.Equal(ascending.OrderBy(v => v), ascending);
        Assert.Equal("ascending", await scoreHeader.GetAttributeAsync("aria-sort"));
        await scoreHeader.ClickAsync();
        var descending = await SortKeys(tab, 5);
        Assert.Equal(ascending.OrderByDescending(v => v), descending);
        Assert.Equal(rows, descending.Count + (await SortKeys(tab, 5, keepEmpty: true)).Count(double.IsNaN));
        await tab.Locator("#leaderboard th", new PageLocatorOptions { HasTextString = "model" }).First.ClickAsync();
        var models = await tab.Locator("#leaderboard tbody tr td:nth-child(1)").AllTextContentsAsync();
        Assert.Equal(models.Order(StringComparer.OrdinalIgnoreCase), models);
        Assert.Equal("custom-online", models[0]);
        // The hand-made result's interval shows; the real runs store none, so theirs show "—".
        var errorBars = await tab.Locator("#leaderboard tbody tr td:nth-child(7)").AllTextContentsAsync();
        Assert.Contains("± 0.02 [0.36, 0.44]", errorBars);
        Assert.Contains("—", errorBars);

        Assert.Empty(errors);
        string artefacts = Path.Combine(AppContext.BaseDirectory, "test-artefacts");
        Directory.CreateDirectory(artefacts);
        string screenshot = Path.Combine(artefacts, "report.png");
        // The whole report folder too, to look at the plots after the run.
        CopyFolder(folder, Path.Combine(artefacts, "report"));
        // The picture shows the leaderboard best first (two clicks on score: ascending, then descending).
        await scoreHeader.ClickAsync();
        await scoreHeader.ClickAsync();
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = false });
        output.WriteLine($"screenshot: {screenshot}; total {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The score column's sort keys (numbers), top to bottom; rows without a score are left out (they sort
    /// last either way).</summary>
    static async Task<List<double>> SortKeys(IPage tab, int column0, bool keepEmpty = false)
    {
        var keys = await tab.EvaluateAsync<string[]>(
            $"() => Array.from(document.querySelectorAll('#leaderboard tbody tr')).map(r => r.cells[{column0}].getAttribute('data-sort'))");
        int firstEmpty = Array.IndexOf(keys, "");
        Assert.True(firstEmpty < 0 || keys.Skip(firstEmpty).All(k => k == ""), "empty scores must sort last");
        if (keepEmpty) return keys.Select(k => k == "" ? double.NaN : double.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return keys.Where(k => k != "").Select(k => double.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    static void CopyFolder(string from, string to)
    {
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public sealed record ImageState(string Src, bool Complete, int NaturalWidth);

    /// <summary>Real runs: resnet18 on the generated gratings (orientation_selectivity and rsa, two layers) and on the
    /// NSD fixture (ridge, two runs: one per stage, so the profile has a line and a ceiling band). One hand-made result
    /// adds what no offline run stores (a ridge alpha per target, a training curve, <c>_se</c> and <c>_ci95</c>), so
    /// every kind of plot is on the page.</summary>
    static void MakeStore(DataHome home)
    {
        var (code, stdout, stderr) = CliRun.Run(home, "run", "--model", "resnet18", "--layer", "layer3", "layer4",
            "--benchmark", "V1SineGratings", "--metric", "orientation_selectivity", "rsa");
        Assert.True(code == 0, stdout + stderr);

        using var fixture = new NsdFixture(driveUp: false);
        using var mirror = new EnvironmentVariableScope((BBScore.Data.Download.GcsSource.BaseUrlVariable, fixture.Server.BaseUrl + "/gcs/bbscore_datasets"));
        foreach (string stage in (string[])["_orig_mod.resnet.encoder.stages.2", "_orig_mod.resnet.encoder.stages.3"])
        {
            (code, stdout, stderr) = CliRun.Run(home, "run", "--model", "resnet18", "--layer", stage, "--benchmark", "NSDV1Shared", "--metric", "ridge");
            Assert.True(code == 0, stdout + stderr);
        }

        var scores = new ScoreSet("test_pearson");
        scores.Add("test_pearson", 0.4);
        scores.Add("test_pearson_se", 0.02);
        scores.Add("test_pearson_ci95", new[] { 0.36, 0.44 });
        scores.Add("alpha", new[] { 1e-10, 0.1, 10, 10, 1000, 1e10 });
        scores.Add("training_curve.loss", new[] { 1.0, 0.7, 0.55, 0.5 });
        scores.Add("training_curve.validation_score", new[] { 0.1, 0.3, 0.38, 0.4 });
        ResultWriter.Save(new ResultRecord
        {
            Id = ResultIds.New(DateTimeOffset.UtcNow),
            Timestamp = DateTimeOffset.UtcNow,
            Model = "custom-online",
            Layer = "readout",
            Benchmark = "OnlineTVSDV1",
            Metric = "online_linear_regressor",
            Scores = scores,
        }, home);
    }
}
