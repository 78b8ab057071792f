using HospitalServices.Hosting;
using HospitalServices.Seed;
using HospitalServices.Simulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using HospitalServices.Contracts;

namespace AdminDashboard.Tests.Hospital;

/// <summary>The simulator keeps the hospital's hours: a clinic day while the clinics are open, a quiet Emergency night.</summary>
public sealed class SimulatorHoursTests
{
    private const int Ticks = 400;

    private static async Task<List<string>> SimulateAsync(string wallTime)
    {
        var recorder = new Recorder();
        var clock = new HospitalClock(
            new FakeTimeProvider(new DateTimeOffset(new DateOnly(2026, 3, 10).ToDateTime(TimeOnly.Parse(wallTime)), TimeSpan.FromHours(-11))),
            TimeZoneInfo.FindSystemTimeZoneById("Pacific/Pago_Pago"));
        var urls = HospitalServiceInfo.All.ToDictionary(s => s, s => new Uri($"http://{s.ToString().ToLowerInvariant()}.test/"));
        var simulator = new ActivitySimulator(new HttpClient(recorder), urls, "a-secret-of-at-least-16-characters", clock, NullLogger<ActivitySimulator>.Instance, seed: 7);
        for (var i = 0; i < Ticks; i++) await simulator.StepAsync(CancellationToken.None);
        return recorder.EventTypes;
    }

    [Fact]
    public async Task In_clinic_hours_every_tick_changes_something_and_at_night_most_ticks_rest()
    {
        var day = await SimulateAsync("10:00");
        var night = await SimulateAsync("02:00");

        Assert.Equal(Ticks, day.Count);
        Assert.InRange(night.Count, 1, Ticks / 2);
        Assert.DoesNotContain(HospitalEventTypes.DoctorCreated, night);
        var nightBookings = night.Count(e => e == HospitalEventTypes.AppointmentCreated);
        var dayBookings = day.Count(e => e == HospitalEventTypes.AppointmentCreated);
        Assert.True(nightBookings < dayBookings, $"{nightBookings} bookings in {Ticks} night ticks, {dayBookings} in clinic hours");
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public List<string> EventTypes { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            EventTypes.Add(request.RequestUri!.Segments[^1]);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
