namespace SessionBridge.Setup;

/// <summary>What installing or removing the hook did to settings.json: a sentence for the user, and the backup made.</summary>
internal sealed record SettingsChange(bool Changed, string Summary, string SettingsPath, string? BackupPath);
