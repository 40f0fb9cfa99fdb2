using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(StaticNews.Benchmarks.Corpus).Assembly).Run(args);
