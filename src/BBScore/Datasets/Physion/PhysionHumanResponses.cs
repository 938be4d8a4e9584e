using BBScore.Formats.Hdf5;
using PureHDF;
using PureHDF.VOL.Native;

namespace BBScore.Datasets.Physion;

/// <summary>One Physion human-response file (e.g. <c>PhysionHumanContactDetection2024.nc</c>): one row per presentation
/// (a participant answering one stimulus) with the stimulus id as stored (<c>stimulus_id</c>), the participant
/// (<c>gameID</c>), the scenario (<c>scenario</c>: dominoes, collide, ...) and the answer (<c>responseBool</c> 0/1 for
/// contact, <c>choice</c> grid cell 0..255 for placement; NaN where missing). Whether a variable is a netCDF data
/// variable or a coordinate does not matter (the original reads both through xarray).
/// The benchmarks use <see cref="StimulusIds"/> (test stimuli are those the humans saw) and <see cref="HumanMean"/>
/// (the behavioural target per test stimulus: the original's <c>ds[var].groupby("stimulus_id").mean("presentation")</c>);
/// the physion_* metrics use the rows.</summary>
public sealed class PhysionHumanResponses : IPhysionHumanStimuli
{
    PhysionHumanResponses(string path, PhysionHumanTask task, string[] stimulusIds, string[]? participants, string[]? scenarios, double[] responses)
    {
        Path = path;
        Task = task;
        RowStimulusIds = stimulusIds;
        RowParticipants = participants;
        RowScenarios = scenarios;
        Responses = responses;
        // xarray's groupby mean skips NaN (a stimulus whose every answer is missing gets NaN).
        var sums = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        for (int i = 0; i < stimulusIds.Length; i++)
        {
            var (sum, count) = sums.GetValueOrDefault(stimulusIds[i]);
            sums[stimulusIds[i]] = double.IsNaN(responses[i]) ? (sum, count) : (sum + responses[i], count + 1);
        }
        HumanMeans = sums.ToDictionary(e => e.Key, e => e.Value.Count == 0 ? double.NaN : e.Value.Sum / e.Value.Count, StringComparer.Ordinal);
        StimulusIds = new HashSet<string>(HumanMeans.Keys, StringComparer.Ordinal);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    public PhysionHumanTask Task { get; }

    /// <summary><c>responseBool</c> or <c>choice</c>.</summary>
    public string ResponseVariable => Task.ResponseVariable();

    public int Rows => RowStimulusIds.Count;

    /// <summary>Each presentation's <c>stimulus_id</c>, as stored (not cleaned).</summary>
    public IReadOnlyList<string> RowStimulusIds { get; }

    /// <summary>Each presentation's <c>gameID</c>; null when the file has none (placement files need none).</summary>
    public IReadOnlyList<string>? RowParticipants { get; }

    /// <summary>Each presentation's <c>scenario</c>; null when the file has none (placement files need none).</summary>
    public IReadOnlyList<string>? RowScenarios { get; }

    /// <summary>Each presentation's answer: <c>responseBool</c> as 0/1 or <c>choice</c> as the grid cell; NaN = missing.</summary>
    public IReadOnlyList<double> Responses { get; }

    /// <summary>The distinct stored stimulus ids (ordinal comparison).</summary>
    public IReadOnlySet<string> StimulusIds { get; }

    /// <summary>Mean answer per stored stimulus id over its presentations (missing answers skipped).</summary>
    public IReadOnlyDictionary<string, double> HumanMeans { get; }

    /// <summary>The mean answer for <paramref name="stimulusId"/> (as stored); fails naming the file for an unknown id.</summary>
    public double HumanMean(string stimulusId) => HumanMeans.TryGetValue(stimulusId, out double mean)
        ? mean
        : throw new KeyNotFoundException($"{Path} has no human responses for stimulus '{stimulusId}'.");

    /// <summary>Reads <paramref name="path"/>. A file that is not HDF5/netCDF4, lacks <c>stimulus_id</c> or the answer
    /// variable (contact files also need <c>gameID</c> and <c>scenario</c>), or declares more data than it can hold is an
    /// <see cref="InvalidDataException"/> naming the file (callers that downloaded it move it aside:
    /// <see cref="PhysionHumanFiles.Load"/>).</summary>
    public static PhysionHumanResponses Read(string path, PhysionHumanTask task)
    {
        var file = Hdf5Files.OpenRead(path, "netCDF4/HDF5");
        using (file)
        {
            try
            {
                var nc = new PhysionHumanNetCdf(file, path, new FileInfo(path).Length);
                var ids = nc.Require("stimulus_id");
                int rows = PhysionHumanNetCdf.Rows(ids, $"{path}: variable 'stimulus_id'");
                string[] stimulusIds = nc.Strings(ids, rows);
                double[] responses = nc.Numbers(nc.Require(task.ResponseVariable()), rows);
                bool contact = task.IsContact();
                string[]? participants = contact ? nc.Strings(nc.Require("gameID"), rows) : nc.Find("gameID") is { } g ? nc.Strings(g, rows) : null;
                string[]? scenarios = contact ? nc.Strings(nc.Require("scenario"), rows) : nc.Find("scenario") is { } s ? nc.Strings(s, rows) : null;
                return new PhysionHumanResponses(path, task, stimulusIds, participants, scenarios, responses);
            }
            catch (OutOfMemoryException e)
            {
                throw new InvalidDataException($"{path}: the file declares a block larger than memory; it is damaged and will be fetched again.", e);
            }
            catch (Exception e) when (e is not InvalidDataException)
            {
                throw new InvalidDataException($"{path}: cannot read ({e.GetType().Name}: {e.Message}); truncated or damaged file? It will be fetched again.", e);
            }
        }
    }
}
