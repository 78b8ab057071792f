using HospitalServices.Hosting;
using HospitalServices.Internal;
using HospitalServices.Seed;
using Microsoft.Extensions.Logging;
using HospitalServices.Contracts;

namespace HospitalServices.Simulation;

/// <summary>
/// Keeps the hospital alive for demos: every few seconds one realistic change (a registration, a booking,
/// a check-in, a payment, a dispensed medicine) through each service's simulate endpoint, over HTTP, in the
/// rhythm of the hospital's own clock: a clinic day while the clinics are open, Emergency's quieter night after.
/// </summary>
public sealed class ActivitySimulator(HttpClient http, IReadOnlyDictionary<HospitalService, Uri> urls, string gatewaySecret,
    HospitalClock clock, ILogger<ActivitySimulator> logger, int? seed = null)
{
    // Weighted like a clinic day: many status changes and payments, few new doctors.
    private static readonly (HospitalService Service, string EventType, int Weight)[] DayMix =
    [
        (HospitalService.Appointments, HospitalEventTypes.AppointmentStatusChanged, 30),
        (HospitalService.Billing, HospitalEventTypes.PaymentCompleted, 25),
        (HospitalService.Appointments, HospitalEventTypes.AppointmentCreated, 20),
        (HospitalService.Patients, HospitalEventTypes.PatientRegistered, 12),
        (HospitalService.Medicine, HospitalEventTypes.MedicineDispensed, 12),
        (HospitalService.Doctors, HospitalEventTypes.DoctorCreated, 1),
    ];

    // At night only Emergency works: most ticks change nothing, and the services turn what remains into
    // Emergency walk-ins and payments (the stores decide by the same clock).
    private static readonly (HospitalService Service, string EventType, int Weight)[] NightMix =
    [
        (HospitalService.Appointments, HospitalEventTypes.AppointmentStatusChanged, 10),
        (HospitalService.Billing, HospitalEventTypes.PaymentCompleted, 6),
        (HospitalService.Appointments, HospitalEventTypes.AppointmentCreated, 6),
        (HospitalService.Patients, HospitalEventTypes.PatientRegistered, 2),
        (HospitalService.Medicine, HospitalEventTypes.MedicineDispensed, 4),
        (Idle, "", 72),
    ];

    private const HospitalService Idle = (HospitalService)(-1);

    private readonly Dictionary<HospitalService, HospitalServiceAdminClient> _services =
        urls.ToDictionary(u => u.Key, u => new HospitalServiceAdminClient(http, u.Value, gatewaySecret));

    // Seeded only by tests that need the same sequence every run.
    private readonly Random _random = seed is null ? new() : new(seed.Value);

    public async Task RunAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await StepAsync(stoppingToken);
        }
    }

    public async Task StepAsync(CancellationToken cancellationToken)
    {
        var mix = ClinicHours.IsOpen(TimeOnly.FromDateTime(clock.Now.DateTime)) ? DayMix : NightMix;
        var pick = _random.Next(mix.Sum(m => m.Weight));
        var choice = mix[0];
        foreach (var m in mix)
        {
            if (pick < m.Weight) { choice = m; break; }
            pick -= m.Weight;
        }
        if (choice.Service == Idle || !_services.TryGetValue(choice.Service, out var service)) return;
        try
        {
            using var response = await service.SimulateAsync(choice.EventType, cancellationToken);
            if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
            {
                logger.LogDebug("Simulated {EventType} answered {Status}", choice.EventType, (int)response.StatusCode);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A service under an injected fault or restarting: the next tick tries again.
            logger.LogDebug(e, "Simulated {EventType} failed", choice.EventType);
        }
    }
}
