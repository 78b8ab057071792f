using System.Text.Json;
using Xunit.Abstractions;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Hospital;

/// <summary>Whole apps (simulator off, in process) in two hospital zones at one fixed instant.</summary>
public sealed class HospitalZoneApiTests(ITestOutputHelper output)
{
    /// <summary>21:00 UTC on 10 March: 11:00 on 11 March in Kiritimati, 10:00 on 10 March in Pago Pago. Both clinics are open.</summary>
    private static readonly DateTimeOffset Instant = new(2026, 3, 10, 21, 0, 0, TimeSpan.Zero);

    private static readonly string[] Headline = ["totalPatients", "activeDoctors", "todayAppointments", "revenueToday"];

    [Fact]
    public async Task Kiritimati_and_Pago_Pago_at_one_instant_count_different_days_and_each_envelope_names_its_zone()
    {
        await using var kiritimati = new DashboardAppFactory { HospitalZone = "Pacific/Kiritimati", StartsAt = Instant };
        await using var pagoPago = new DashboardAppFactory { HospitalZone = "Pacific/Pago_Pago", StartsAt = Instant };

        var k = (await kiritimati.GetStatsAsync()).GetProperty("data");
        var p = (await pagoPago.GetStatsAsync()).GetProperty("data");
        Report("Pacific/Kiritimati", k);
        Report("Pacific/Pago_Pago", p);

        Assert.Equal("Pacific/Kiritimati", k.GetProperty("timeZone").GetString());
        Assert.Equal("Pacific/Pago_Pago", p.GetProperty("timeZone").GetString());
        Assert.NotEqual(k.GetProperty("todayAppointments").GetInt32(), p.GetProperty("todayAppointments").GetInt32());
        // One instant: the same moment on the wire, whichever zone counted the day.
        Assert.Equal(k.GetProperty("timestamp").GetDateTimeOffset().UtcDateTime.Date, p.GetProperty("timestamp").GetDateTimeOffset().UtcDateTime.Date);
    }

    [Fact]
    public async Task The_zone_follows_the_timestamp_in_the_stats_data()
    {
        await using var app = new DashboardAppFactory();

        var names = (await app.GetStatsAsync()).GetProperty("data").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(names.IndexOf("timestamp") + 1, names.IndexOf("timeZone"));
    }

    private void Report(string zone, JsonElement data) =>
        output.WriteLine($"{zone} at {Instant:O}: " + string.Join(", ", Headline.Select(f => $"{f}={data.GetProperty(f)}"))
            + $", patients.newToday={data.GetProperty("patients").GetProperty("newToday")}"
            + $", revenue.paymentsToday={data.GetProperty("revenue").GetProperty("paymentsToday")}, timestamp={data.GetProperty("timestamp")}");
}
