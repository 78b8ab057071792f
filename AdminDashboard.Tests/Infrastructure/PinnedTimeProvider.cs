using System.Diagnostics;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>
/// A clock that starts at a fixed instant and moves on with real elapsed time: "today" is the same on every run,
/// at any hour and in any machine zone, while TTLs, timeouts and timers (the system's) still run as in production.
/// </summary>
public sealed class PinnedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public DateTimeOffset Start { get; } = start;

    public override DateTimeOffset GetUtcNow() => Start.ToUniversalTime() + Stopwatch.GetElapsedTime(_started);

    // The machine's zone is not the hospital's: nothing may read it through this clock either.
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
