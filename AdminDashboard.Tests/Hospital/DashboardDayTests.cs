using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Core.Hospital;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Stats;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Hospital;

/// <summary>The dashboard's own day logic (the live "booked for today" delta, the "Data as of" label) in the hospital's zone.</summary>
public sealed class DashboardDayTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    public static TheoryData<string, int, string, string> Instants => new()
    {
        { "Pacific/Kiritimati", 14, "00:01", "00:01 (UTC+14:00, Kiritimati)" },
        { "Pacific/Kiritimati", 14, "12:00", "12:00 (UTC+14:00, Kiritimati)" },
        { "Pacific/Kiritimati", 14, "23:59", "23:59 (UTC+14:00, Kiritimati)" },
        { "Pacific/Pago_Pago", -11, "00:01", "00:01 (UTC-11:00, Pago Pago)" },
        { "Pacific/Pago_Pago", -11, "12:00", "12:00 (UTC-11:00, Pago Pago)" },
        { "Pacific/Pago_Pago", -11, "23:59", "23:59 (UTC-11:00, Pago Pago)" },
    };

    private static (HospitalTime Hospital, DateTimeOffset Now) At(string zone, int offsetHours, string wallTime)
    {
        var now = new DateTimeOffset(Day.ToDateTime(TimeOnly.Parse(wallTime)), TimeSpan.FromHours(offsetHours));
        return (new HospitalTime(TimeZoneInfo.FindSystemTimeZoneById(zone), new FakeTimeProvider(now)), now);
    }

    private static DashboardStats Stats(DateTimeOffset now, string zone) => new(100, 10, 50, 1_000_000, null, null, null, null, null,
        new DerivedMetrics(null, null, null, null, null), now, zone, 0, false);

    private static HospitalEvent Booked(DateTimeOffset scheduledAt) =>
        new(Guid.NewGuid().ToString("N"), EventTopics.AppointmentCreated, scheduledAt, ScheduledAt: scheduledAt);

    [Theory]
    [MemberData(nameof(Instants))]
    public void A_booking_counts_for_today_only_within_the_hospitals_day_whatever_offset_it_carries(string zone, int offset, string wallTime, string _)
    {
        var (hospital, now) = At(zone, offset, wallTime);
        var stats = Stats(now, zone);
        var midnight = new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(offset));

        // Each written in UTC, as another system might send it.
        var firstSecond = KpiDelta.Apply(stats, Booked(midnight.ToUniversalTime()), hospital);
        var lastSecond = KpiDelta.Apply(stats, Booked(midnight.AddDays(1).AddSeconds(-1).ToUniversalTime()), hospital);
        var dayBefore = KpiDelta.Apply(stats, Booked(midnight.AddSeconds(-1).ToUniversalTime()), hospital);
        var dayAfter = KpiDelta.Apply(stats, Booked(midnight.AddDays(1).ToUniversalTime()), hospital);

        Assert.Equal(51, firstSecond.TodayAppointments);
        Assert.Equal(51, lastSecond.TodayAppointments);
        Assert.Equal(50, dayBefore.TodayAppointments);
        Assert.Equal(50, dayAfter.TodayAppointments);
    }

    [Theory]
    [MemberData(nameof(Instants))]
    public void Data_as_of_shows_the_hospitals_time_and_names_its_zone(string zone, int offset, string wallTime, string label)
    {
        var (hospital, now) = At(zone, offset, wallTime);

        Assert.Equal(label, hospital.Labelled(now.ToUniversalTime()));
        Assert.Equal(Day, hospital.DateOf(now.ToUniversalTime()));
        Assert.Equal(Day, hospital.Today);
        Assert.Equal(zone, hospital.ZoneId);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "is not a time zone")]
    [InlineData("", "is required")]
    [InlineData("SE Asia Standard Time", "Windows id")]
    public void An_unknown_or_non_IANA_zone_is_refused_naming_the_setting(string zone, string reason)
    {
        var result = new ValidateHospitalOptions().Validate(null, new HospitalOptions { TimeZone = zone });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("Hospital:TimeZone", message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public async Task The_dashboard_refuses_to_start_with_an_unknown_zone_and_names_the_setting()
    {
        await using var app = new DashboardAppFactory { Settings = { [HospitalOptions.TimeZoneKey] = "Mars/Olympus_Mons" } };

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.StartServer());

        Assert.Contains("Hospital:TimeZone 'Mars/Olympus_Mons'", error.Message);
    }

    [Fact]
    public void Times_in_the_feed_are_on_the_hospitals_clock()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Pago_Pago");
        var e = new HospitalEvent("1", EventTopics.AppointmentCreated, DateTimeOffset.UnixEpoch, PatientName: "An Le", DoctorName: "Dr. Ho",
            ScheduledAt: new DateTimeOffset(2026, 3, 10, 20, 30, 0, TimeSpan.Zero));

        Assert.Equal("New appointment: An Le with Dr. Ho at 09:30", e.Describe(zone));
    }
}
