using SessionBridge.EndToEnd.Claude;

// One Claude Code install for the whole run. Two test classes at a time: a spec spends most of its time waiting on
// Claude Code's turns, so two overlap well on two cores (19½ against 13 minutes for the project under load 20–30),
// and each spec has its own tmux server, HOME, state directory and scripted model.
[assembly: AssemblyFixture(typeof(ClaudeInstallation))]
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.Collections, MaxThreads = 2)]

// The real Claude Code, minutes a test: left out of ./test.sh --fast.
[assembly: Trait("Tier", "Slow")]
