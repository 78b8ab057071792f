namespace HospitalServices.Seed;

/// <summary>The hospital's local day boundaries, from one TimeProvider so tests can pin the time.</summary>
public sealed class HospitalClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetLocalNow();

    public DateTimeOffset StartOfToday
    {
        get
        {
            var now = Now;
            return new DateTimeOffset(now.Date, now.Offset);
        }
    }

    public DateTimeOffset StartOfMonth
    {
        get
        {
            var today = StartOfToday;
            return today.AddDays(1 - today.Day);
        }
    }
}
