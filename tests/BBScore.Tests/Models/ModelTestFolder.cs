namespace BBScore.Tests.Models;

/// <summary>A fresh folder under the system temp folder for model files, deleted on dispose.</summary>
internal sealed class ModelTestFolder : IDisposable
{
    public ModelTestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bbscore-model-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void WriteText(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: a leftover temp folder must not fail a test */ }
    }
}
