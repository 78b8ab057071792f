using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using AdminDashboard.Core.Diagnostics;
using AdminDashboard.Core.Upstream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Aggregation;

/// <summary>The five results of one fan-out.</summary>
public sealed record DashboardFanOut(
    ServiceResult<PatientStats> Patients,
    ServiceResult<DoctorStats> Doctors,
    ServiceResult<AppointmentStats> Appointments,
    ServiceResult<BillingStats> Billing,
    ServiceResult<MedicineStats> Medicine)
{
    public IReadOnlyList<SourceReport> Sources =>
        [Patients.ToReport(), Doctors.ToReport(), Appointments.ToReport(), Billing.ToReport(), Medicine.ToReport()];
}

/// <summary>
/// The fan-out: calls the five services in parallel under one overall deadline, each call turned into a
/// <see cref="ServiceResult{T}"/>. A service that errors or misses the deadline costs its own section, never the
/// response. Every call's outcome goes to the <see cref="IUpstreamCallObserver"/>s (the health tracker is one).
/// </summary>
public sealed class DashboardAggregator(
    IHospitalServices services, IOptions<AggregationOptions> options, TimeProvider time, DashboardMetrics metrics, ILogger<DashboardAggregator> logger,
    IEnumerable<IUpstreamCallObserver> observers)
{
    public async Task<DashboardFanOut> FanOutAsync(CancellationToken cancellationToken)
    {
        using var span = DashboardTracing.Source.StartActivity("stats fan-out");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Deadline);
        var token = deadline.Token;

        var patients = Call(UpstreamService.Patients, services.GetPatientStatsAsync, token, cancellationToken);
        var doctors = Call(UpstreamService.Doctors, services.GetDoctorStatsAsync, token, cancellationToken);
        var appointments = Call(UpstreamService.Appointments, services.GetAppointmentStatsAsync, token, cancellationToken);
        var billing = Call(UpstreamService.Billing, services.GetBillingStatsAsync, token, cancellationToken);
        var medicine = Call(UpstreamService.Medicine, services.GetMedicineStatsAsync, token, cancellationToken);
        await Task.WhenAll(patients, doctors, appointments, billing, medicine);
        return new DashboardFanOut(patients.Result, doctors.Result, appointments.Result, billing.Result, medicine.Result);
    }

    /// <summary>One upstream call under its own deadline, as a <see cref="ServiceResult{T}"/> (never throws for upstream failures).</summary>
    public async Task<ServiceResult<T>> CallAsync<T>(UpstreamService service, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Deadline);
        return await Call(service, call, deadline.Token, cancellationToken);
    }

    private async Task<ServiceResult<T>> Call<T>(UpstreamService service, Func<CancellationToken, Task<T>> call,
        CancellationToken deadline, CancellationToken caller) where T : class
    {
        using var span = DashboardTracing.Source.StartActivity($"call {service.WireName()}");
        span?.SetTag("upstream.service", service.WireName());
        var started = Stopwatch.GetTimestamp();
        ServiceResult<T> Result(SourceStatus status, T? value, string? error) =>
            new(service, status, value, error, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                status == SourceStatus.Ok ? time.GetUtcNow() : null);
        ServiceResult<T> result;
        try
        {
            // WaitAsync ends the wait at the deadline even if a call ignores its token.
            var value = await Task.Run(() => call(deadline), deadline).WaitAsync(deadline);
            result = Result(SourceStatus.Ok, value, null);
        }
        catch (OperationCanceledException) when (caller.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // The deadline, or any other clock below it: either way the service did not answer in time.
            result = Result(SourceStatus.Timeout, null, $"no answer within {options.Value.DeadlineMs} ms");
        }
        catch (UpstreamException e)
        {
            result = Result(SourceStatus.Error, null, e.Message);
        }
        catch (HttpRequestException e)
        {
            result = Result(SourceStatus.Error, null, e.HttpRequestError == HttpRequestError.ConnectionError
                ? "it could not be reached" : "the connection to it failed");
        }
        catch (JsonException)
        {
            result = Result(SourceStatus.Error, null, "it answered with data the dashboard cannot read");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Unexpected failure calling the {Service} service", service);
            result = Result(SourceStatus.Error, null, "an unexpected error occurred");
        }
        metrics.RecordUpstreamCall(service.WireName(), result.Status.WireName(), result.ElapsedMs);
        foreach (var observer in observers) observer.Observe(service, result.Status, result.ElapsedMs, result.Error);
        span?.SetTag("upstream.status", result.Status.WireName());
        if (!result.IsOk)
        {
            span?.SetStatus(ActivityStatusCode.Error, result.Error);
            logger.LogWarning("{Service} service {Status} after {ElapsedMs} ms: {Error}", service, result.Status, result.ElapsedMs, result.Error);
        }
        return result;
    }
}
