namespace SessionBridge.Screens;

/// <summary>
/// One option of a menu: its 1-based number (null for a menu without numbers), the text on its own line
/// (description lines beneath are not part of it), whether the cursor is on it, and for a multi-select
/// menu whether it is ticked.
/// </summary>
internal sealed record MenuOption(int? Number, string Label, bool Selected, bool? Checked = null);
