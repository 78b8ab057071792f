using System.Net.Http.Json;
using HospitalServices.Guard;
using HospitalServices.Hosting;
using Microsoft.Extensions.Logging;

namespace HospitalServices.Simulation;

/// <summary>
/// Keeps the hospital alive for demos: every few seconds one realistic change (a registration, a booking,
/// a check-in, a payment, a dispensed medicine) through each service's simulate endpoint, over HTTP.
/// </summary>
public sealed class ActivitySimulator(HttpClient http, IReadOnlyDictionary<HospitalService, Uri> urls, string gatewaySecret, ILogger<ActivitySimulator> logger)
{
    // Weighted like a clinic day: many status changes and payments, few new doctors.
    private static readonly (HospitalService Service, string EventType, int Weight)[] Mix =
    [
        (HospitalService.Appointments, HospitalEventTypes.AppointmentStatusChanged, 30),
        (HospitalService.Billing, HospitalEventTypes.PaymentCompleted, 25),
        (HospitalService.Appointments, HospitalEventTypes.AppointmentCreated, 20),
        (HospitalService.Patients, HospitalEventTypes.PatientRegistered, 12),
        (HospitalService.Medicine, HospitalEventTypes.MedicineDispensed, 12),
        (HospitalService.Doctors, HospitalEventTypes.DoctorCreated, 1),
    ];

    private readonly Random _random = new();

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
        var pick = _random.Next(Mix.Sum(m => m.Weight));
        var choice = Mix[0];
        foreach (var m in Mix)
        {
            if (pick < m.Weight) { choice = m; break; }
            pick -= m.Weight;
        }
        if (!urls.TryGetValue(choice.Service, out var baseUrl)) return;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"/v1/internal/simulate/{choice.EventType}"));
            request.Headers.Add(InternalHeaders.InternalRequest, "true");
            request.Headers.Add(InternalHeaders.GatewaySecret, gatewaySecret);
            using var response = await http.SendAsync(request, cancellationToken);
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
