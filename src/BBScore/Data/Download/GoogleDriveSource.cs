namespace BBScore.Data.Download;

/// <summary>Publicly shared Google Drive files. The direct URL
/// <c>https://drive.usercontent.google.com/download?id=&lt;id&gt;&amp;export=download&amp;confirm=t</c>
/// normally streams the bytes; when Drive still answers with its "virus scan warning" HTML page,
/// <see cref="Downloader"/> parses it (<see cref="DriveConfirmPage"/>) and follows the confirmation.
/// The endpoint can be replaced for tests.</summary>
public sealed class GoogleDriveSource(string? endpoint = null)
{
    public const string DefaultEndpoint = "https://drive.usercontent.google.com";

    public string Endpoint { get; } = (endpoint ?? DefaultEndpoint).TrimEnd('/');

    public string Url(string fileId) => $"{Endpoint}/download?id={Uri.EscapeDataString(fileId)}&export=download&confirm=t";

    public RemoteFile File(string fileId, string relativePath, long? size = null, string? sha256 = null) =>
        new(Url(fileId), relativePath, size, sha256, RemoteSource.GoogleDrive);
}
