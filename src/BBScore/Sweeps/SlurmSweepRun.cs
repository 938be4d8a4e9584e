using System.Globalization;
using System.Text.Json;
using BBScore.Slurm;

namespace BBScore.Sweeps;

/// <summary>One cell of a task, as the run file keeps it (the settings are the run's).</summary>
public sealed record SlurmSweepCell(string Model, string Layer, string Benchmark, string Metric)
{
    public static SlurmSweepCell From(SweepCell cell) => new(cell.Model, cell.Layer, cell.Benchmark, cell.Metric);

    public SweepCell ToCell(SweepSettings settings) => new(Model, Layer, Benchmark, Metric, settings);
}

/// <summary>One task of the sweep: the cells it scores (one model on one benchmark, extracted once).</summary>
/// <param name="Index">The sweep's task number; it runs as index <c>Index % TasksPerArray</c> of array
/// <c>Index / TasksPerArray</c> (see <see cref="SlurmSweepRun.TasksPerArray"/>).</param>
public sealed record SlurmSweepTask(int Index, string Description, IReadOnlyList<SlurmSweepCell> Cells);

/// <summary>One sbatch submission: its array job id and the sweep's task numbers it ran (all in one array).</summary>
public sealed record SlurmSubmission(string JobId, IReadOnlyList<int> Indices);

/// <summary>What <c>bbscore eval --executor slurm</c> submitted, kept in <c>run.json</c> of the run's folder
/// (<c>&lt;home&gt;/sweeps/&lt;sweep&gt;/&lt;time&gt;/</c>) so that <c>--retry-failed</c>, from a later process, knows
/// each task's cells, which array ran it last and where its log is. A sweep with more tasks than the cluster's
/// MaxArraySize allows in one array is split into arrays of <see cref="TasksPerArray"/> tasks, each in its own
/// folder (<c>array-K/</c>: job.sh, tasks/, logs/).</summary>
public sealed record SlurmSweepRun(
    string Directory,
    string SweepFile,
    SweepSettings Settings,
    SlurmResources Resources,
    int TasksPerArray,
    IReadOnlyList<SlurmSweepTask> Tasks,
    IReadOnlyList<SlurmSubmission> Submissions)
{
    public const string FileName = "run.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string RunFile => Path.Combine(Directory, FileName);

    public int ArrayCount => (Tasks.Count + TasksPerArray - 1) / TasksPerArray;

    /// <summary>The array that runs task <paramref name="index"/>, and its index there.</summary>
    public (int Array, int Local) Locate(int index) => (index / TasksPerArray, index % TasksPerArray);

    /// <summary>How many tasks array <paramref name="array"/> holds (the last one may be short).</summary>
    public int ArrayLength(int array) => Math.Min(TasksPerArray, Tasks.Count - array * TasksPerArray);

    public string ArrayFolder(int array) => Path.Combine(Directory, $"array-{array.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The submission that ran <paramref name="index"/> last.</summary>
    public SlurmSubmission LastSubmissionOf(int index) => Submissions.Last(s => s.Indices.Contains(index));

    public SlurmSweepRun WithSubmission(string jobId, IReadOnlyList<int> indices) =>
        this with { Submissions = [.. Submissions, new SlurmSubmission(jobId, indices)] };

    /// <summary>Writes run.json atomically: a crash leaves the previous version, never half a file.</summary>
    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        string temp = RunFile + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this with { Directory = "" }, Json));
        File.Move(temp, RunFile, overwrite: true);
    }

    public static SlurmSweepRun Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        try
        {
            var run = JsonSerializer.Deserialize<SlurmSweepRun>(File.ReadAllText(path), Json)
                      ?? throw new InvalidDataException("empty");
            return run with { Directory = Path.GetFullPath(directory) };
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new InvalidDataException($"{path}: not a readable SLURM sweep run file ({e.Message}); submit the sweep again with 'bbscore eval <sweep> --executor slurm'.", e);
        }
    }

    /// <summary>The folder all runs of the sweep file <paramref name="sweepFile"/> go under.</summary>
    public static string SweepFolder(string homeRoot, string sweepFile) =>
        Path.Combine(homeRoot, "sweeps", Path.GetFileNameWithoutExtension(sweepFile));

    /// <summary>A new run folder named by the UTC time, so runs sort by when they were made.</summary>
    public static string NewFolder(string homeRoot, string sweepFile) =>
        Path.Combine(SweepFolder(homeRoot, sweepFile), DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));

    /// <summary>The latest SLURM run of <paramref name="sweepFile"/>, or null when it was never submitted.</summary>
    public static SlurmSweepRun? Latest(string homeRoot, string sweepFile)
    {
        string folder = SweepFolder(homeRoot, sweepFile);
        if (!System.IO.Directory.Exists(folder)) return null;
        string? latest = System.IO.Directory.EnumerateDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, FileName)))
            .Order(StringComparer.Ordinal).LastOrDefault();
        return latest is null ? null : Load(latest);
    }
}
