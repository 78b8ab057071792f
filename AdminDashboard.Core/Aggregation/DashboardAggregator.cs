using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
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
/// Calls the five services in parallel under one overall deadline and builds the envelope from what came back.
/// A service that errors or misses the deadline costs its own section, never the response.
/// </summary>
public sealed class DashboardAggregator(
    IHospitalServices services, IOptions<AggregationOptions> options, TimeProvider time, DashboardMetrics metrics, ILogger<DashboardAggregator> logger,
    Health.UpstreamHealthTracker? tracker = null)
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
        metrics.RecordUpstreamCall(service, result.Status, result.ElapsedMs);
        tracker?.Record(service, result.Status, result.ElapsedMs, result.Error);
        span?.SetTag("upstream.status", result.Status.ToString().ToLowerInvariant());
        if (!result.IsOk) span?.SetStatus(ActivityStatusCode.Error, result.Error);
        if (!result.IsOk)
        {
            logger.LogWarning("{Service} service {Status} after {ElapsedMs} ms: {Error}", service, result.Status, result.ElapsedMs, result.Error);
        }
        return result;
    }

    /// <summary>Builds the envelope of the seed from a fan-out.</summary>
    public static ApiEnvelope<DashboardStats> BuildEnvelope(DashboardFanOut f, DateTimeOffset timestamp, string timeZone, long responseTimeMs, bool fromCache)
    {
        var sources = f.Sources.Select(s => s.AgedAt(timestamp)).ToList();
        var warnings = sources.Where(s => s.Status != SourceStatus.Ok).Select(Warning).ToList();
        var p = f.Patients.Value;
        var d = f.Doctors.Value;
        var a = f.Appointments.Value;
        var b = f.Billing.Value;
        var m = f.Medicine.Value;
        var data = new DashboardStats(
            p?.TotalPatients, d?.ActiveDoctors, a?.Today.Total, b?.RevenueToday,
            p, d, a, b, m, Derive(a, b), timestamp, timeZone, responseTimeMs, fromCache);
        var withFigures = sources.Count(s => s.Status is SourceStatus.Ok or SourceStatus.Stale);
        return new ApiEnvelope<DashboardStats>(Success: withFigures > 0, data, warnings, Partial: warnings.Count > 0, sources);
    }

    /// <summary>The seed's wording, followed by the reason in words an admin understands; for stale figures, their age.</summary>
    public static string Warning(SourceReport source) => source.Status == SourceStatus.Stale
        ? $"{source.DisplayName} figures are {DescribeAge(source.AgeSeconds ?? 0)} old: service unavailable"
        : $"{source.DisplayName} service temporarily unavailable: {source.Error}";

    public static string DescribeAge(long seconds) => seconds switch
    {
        < 60 => $"{seconds} s",
        < 3600 => $"{seconds / 60} min",
        _ => $"{seconds / 3600} h {seconds % 3600 / 60} min",
    };

    public static DerivedMetrics Derive(AppointmentStats? a, BillingStats? b)
    {
        static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
        // Completion and no-show rates count only appointments whose outcome is known (seen or missed).
        var finishedToday = a is null ? 0 : a.Today.Completed + a.Today.NoShow;
        var finished30 = a is null ? 0 : a.Last30Days.Completed + a.Last30Days.NoShow;
        long? revenuePerVisit = a is not null && b is not null && a.Today.Completed > 0 ? b.RevenueToday / a.Today.Completed : null;
        return new DerivedMetrics(
            a is null ? null : Rate(a.Today.Completed, finishedToday),
            a is null ? null : Rate(a.Today.NoShow, finishedToday),
            a is null ? null : Rate(a.Last30Days.NoShow, finished30),
            revenuePerVisit,
            a?.AverageWaitMinutesToday);
    }
}
