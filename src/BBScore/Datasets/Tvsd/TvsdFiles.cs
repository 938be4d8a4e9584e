using BBScore.Data.Download;

namespace BBScore.Datasets.Tvsd;

/// <summary>Where the TVSD files come from (the public GCS bucket, <c>bbscore_datasets/TVSD*/</c>) and
/// where they go: stimuli under <c>&lt;datasets&gt;/TVSDStimulusSet/</c> (<c>images.zip</c> unpacked into
/// <c>images/</c>, as the original does), recordings under <c>&lt;datasets&gt;/TVSDAssembly/</c>
/// (<c>defaultBins.zip</c> → <c>defaultBins/</c>, <c>10msBins.zip</c> → <c>10msBins/</c>). The two
/// binnings are separate manifests so a default-bin benchmark never fetches the 10 ms archive.</summary>
public sealed class TvsdFiles(GcsSource? gcs = null)
{
    public const string StimulusDatasetName = "TVSDStimulusSet";
    public const string AssemblyDatasetName = "TVSDAssembly";
    public const string ImagesArchive = "images.zip";
    public const string ImagesFolder = "images";

    /// <summary>The image list used by the original (it assumes monkeyN's file lists the same images).</summary>
    public const string ImageListFile = "things_imgs_monkeyF.mat";
    public const string MonkeyNImageListFile = "things_imgs_monkeyN.mat";

    public GcsSource Gcs { get; } = gcs ?? new GcsSource();

    /// <summary>The stimuli: <c>images.zip</c> (unpacked into <c>images/</c>) and monkeyF's image list.
    /// The original also downloads monkeyN's list but never reads it, so it is left out unless
    /// <paramref name="includeMonkeyNList"/> (e.g. for a complete mirror).</summary>
    public DatasetManifest StimulusManifest(bool includeMonkeyNList = false)
    {
        var files = new List<RemoteFile>
        {
            Gcs.File($"{StimulusDatasetName}/{ImagesArchive}", ImagesArchive),
            Gcs.File($"{StimulusDatasetName}/{ImageListFile}", ImageListFile),
        };
        if (includeMonkeyNList) files.Add(Gcs.File($"{StimulusDatasetName}/{MonkeyNImageListFile}", MonkeyNImageListFile));
        return new DatasetManifest(StimulusDatasetName, files, [new ArchiveEntry(ImagesArchive, ImagesFolder)]);
    }

    /// <summary>The recordings of one binning: its zip, unpacked into a folder of the zip's base name.</summary>
    public DatasetManifest AssemblyManifest(TvsdBins bins)
    {
        string name = bins.ArchiveBaseName(), zip = name + ".zip";
        return new DatasetManifest(AssemblyDatasetName, [Gcs.File($"{AssemblyDatasetName}/{zip}", zip)], [new ArchiveEntry(zip, name)]);
    }

    /// <summary>Every manifest (for listing or mirroring all of TVSD).</summary>
    public IReadOnlyList<DatasetManifest> AllManifests(bool includeMonkeyNList = true) =>
        [StimulusManifest(includeMonkeyNList), AssemblyManifest(TvsdBins.Default), AssemblyManifest(TvsdBins.TenMs)];

    /// <summary>The stimulus folder (for <see cref="TvsdStimulusSet.Load"/>), downloading and unpacking
    /// what is missing; offline, a missing file fails listing what to get and where to put it.</summary>
    public string EnsureStimuli(DatasetFetcher fetcher, bool offline, CancellationToken ct = default) =>
        fetcher.EnsureAvailable(StimulusManifest(), offline, ct);

    /// <summary>The assembly folder (for <see cref="TvsdAssembly.Load"/>) with <paramref name="bins"/>
    /// downloaded and unpacked.</summary>
    public string EnsureAssembly(DatasetFetcher fetcher, TvsdBins bins, bool offline, CancellationToken ct = default) =>
        fetcher.EnsureAvailable(AssemblyManifest(bins), offline, ct);
}
