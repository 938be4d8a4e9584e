using BBScore.Models;

namespace BBScore.Tests.Models;

/// <summary>One built-in resnet18 for all tests that need it: loading and session creation cost about a second each.</summary>
public sealed class ResNet18Fixture : IDisposable
{
    public IFeatureModel Model { get; } = ModelCatalog.Open("resnet18", new ModelOpenOptions { IntraOpThreads = 2 });

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ResNet18Collection : ICollectionFixture<ResNet18Fixture>
{
    public const string Name = "resnet18";
}
