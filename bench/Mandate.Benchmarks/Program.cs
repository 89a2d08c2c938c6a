using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Mandate.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Mandate.Benchmarks.BenchmarkKeys).Assembly).Run(args);
