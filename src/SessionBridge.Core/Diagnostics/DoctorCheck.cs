namespace SessionBridge.Diagnostics;

/// <summary>One finding of <c>session-bridge doctor</c>: what was checked, what was found, and the fix.</summary>
internal sealed record DoctorCheck(string Name, CheckOutcome Outcome, string Detail, string? Fix = null);
