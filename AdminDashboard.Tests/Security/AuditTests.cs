using AdminDashboard.Audit;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Security;

[Collection(DashboardAppCollection.Name)]
public sealed class AuditTests(DashboardAppFactory app)
{
    [Fact]
    public async Task A_stats_view_and_a_csv_export_are_audited_with_the_users_identity()
    {
        var user = $"auditor-{Guid.NewGuid():N}";
        using var client = app.CreateApiClient(TestTokens.CreateFor(user, "Admin"));

        (await client.GetAsync("/v1/admin/dashboard/stats")).EnsureSuccessStatusCode();
        (await client.GetAsync("/v1/admin/charts/revenue?days=7&format=csv")).EnsureSuccessStatusCode();

        var entries = app.Services.GetRequiredService<AuditLog>().Recent(50).Where(e => e.UserId == user).ToList();
        Assert.Contains(entries, e => e.Action == "view" && e.Resource == "/v1/admin/dashboard/stats" && e.From == "127.0.0.1");
        Assert.Contains(entries, e => e.Action == "export" && e.Resource.StartsWith("/v1/admin/charts/revenue"));
    }

    [Fact]
    public async Task A_refused_call_is_not_audited_as_a_view()
    {
        var user = $"nurse-{Guid.NewGuid():N}";
        using var client = app.CreateApiClient(TestTokens.CreateFor(user, "Nurse"));

        await client.GetAsync("/v1/admin/dashboard/stats");

        // On the trail as a refusal (AuditTrailTests), never as a view.
        Assert.DoesNotContain(app.Services.GetRequiredService<AuditLog>().Recent(200), e => e.UserId == user && e.Action != AuditExtensions.Forbidden);
        Assert.Contains(app.Services.GetRequiredService<AuditLog>().Recent(200), e => e.UserId == user && e.Action == AuditExtensions.Forbidden);
    }
}
