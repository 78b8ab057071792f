using HospitalServices.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HospitalServices.Medicine;

/// <summary>The pharmacy service: stock, reorder points, expiry and dispensing.</summary>
public sealed class MedicineModule : IHospitalServiceModule
{
    public HospitalService Service => HospitalService.Medicine;

    public void AddStore(IServiceCollection services) => services.AddSingleton<MedicineStore>();

    public void Seed(IServiceProvider services) => services.GetRequiredService<MedicineStore>();

    public void MapReads(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/medicine/stats", (MedicineStore s) => ServiceAnswer.Ok(s.Stats()));
        admin.MapGet("/medicine/stock", (int? limit, MedicineStore s) =>
            limit is < 1 or > 500 ? ServiceProblems.OutOfRange("limit", 1, 500) : ServiceAnswer.Ok(s.Stock(limit ?? 20)));
    }

    public void MapWrites(IEndpointRouteBuilder api) =>
        api.MapPost("/medicine/dispense", (DispenseRequest r, MedicineStore s) =>
        {
            if (r.MedicineId is null or < 1) return ServiceProblems.Invalid("medicineId", "medicineId must be a positive id.");
            if (r.Quantity is null or < 1) return ServiceProblems.Invalid("quantity", "quantity must be at least 1.");
            try
            {
                var item = s.Dispense(r);
                return item is null ? Results.Problem(statusCode: 404, title: "Medicine not found") : Results.Ok(item);
            }
            catch (InvalidOperationException e)
            {
                return Results.Problem(statusCode: 409, title: "Not enough stock", detail: e.Message);
            }
        });

    public object? Simulate(IServiceProvider services, string eventType) => eventType switch
    {
        HospitalEventTypes.MedicineDispensed => services.GetRequiredService<MedicineStore>().DispenseRandom(),
        _ => throw new ArgumentException($"The pharmacy service does not own '{eventType}'."),
    };
}
