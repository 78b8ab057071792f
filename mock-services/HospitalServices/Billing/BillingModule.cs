using HospitalServices.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HospitalServices.Billing;

/// <summary>The billing service: invoices and payments; revenue per day and department.</summary>
public sealed class BillingModule : IHospitalServiceModule
{
    public HospitalService Service => HospitalService.Billing;

    public void AddStore(IServiceCollection services) => services.AddSingleton<BillingStore>();

    public void Seed(IServiceProvider services) => services.GetRequiredService<BillingStore>();

    public void MapReads(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/billing/stats", (BillingStore s) => ServiceAnswer.Ok(s.Stats()));
        admin.MapGet("/billing/revenue", (int? days, BillingStore s) => ServiceProblems.Ranged(days, d => s.Revenue(d)));
    }

    public void MapWrites(IEndpointRouteBuilder api) =>
        api.MapPost("/billing/payments", (CompletePaymentRequest r, BillingStore s) =>
        {
            if (r.InvoiceId is null or < 1) return ServiceProblems.Invalid("invoiceId", "invoiceId must be a positive id.");
            if (ServiceProblems.TooLong("method", r.Method) is { } tooLong) return tooLong;
            try
            {
                var payment = s.Complete(r);
                return payment is null ? Results.Problem(statusCode: 404, title: "Invoice not found") : Results.Ok(payment);
            }
            catch (InvalidOperationException e)
            {
                return Results.Problem(statusCode: 409, title: "Invoice already paid", detail: e.Message);
            }
        });

    public object? Simulate(IServiceProvider services, string eventType) => eventType switch
    {
        HospitalEventTypes.PaymentCompleted => services.GetRequiredService<BillingStore>().CompleteRandom(),
        _ => throw new ArgumentException($"The billing service does not own '{eventType}'."),
    };
}
