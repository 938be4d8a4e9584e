using BBScore.Bench;

// Performance workloads; each prints JSON lines (one per measurement) to stdout.
// Usage: dotnet run -c Release --project bench/BBScore.Bench -- <workload> [options]
return Workloads.Run(args);
