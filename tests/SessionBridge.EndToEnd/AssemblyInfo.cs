using SessionBridge.EndToEnd.Claude;

// One Claude Code install for the whole run; tests one at a time: each starts real Claude Code sessions,
// and the machine has two cores.
[assembly: AssemblyFixture(typeof(ClaudeInstallation))]
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

// The real Claude Code, minutes a test: left out of ./test.sh --fast.
[assembly: Trait("Tier", "Slow")]
