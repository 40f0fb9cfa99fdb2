namespace StaticNews.Engine;

/// <summary>
/// Thrown by a write after the output has already failed (a full disk): the build can't publish, the reason was
/// reported once with the first failure, and the work still queued stops here without a diagnostic of its own.
/// </summary>
public sealed class BuildStoppedException() : Exception("the build stopped after an earlier failure to write");
