using AdminDashboard.Api;
using AdminDashboard.Audit;
using AdminDashboard.Auth;
using AdminDashboard.Components;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Alerts;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Charts;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Health;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Store;
using AdminDashboard.Core.Upstream;
using AdminDashboard.Embedded;
using AdminDashboard.Observability;
using AdminDashboard.Proxy;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDashboardUpstream(builder.Configuration);
builder.Services.AddDashboardAggregation(builder.Configuration);
builder.Services.AddDashboardCaching(builder.Configuration);
builder.Services.AddDashboardStats();
builder.Services.AddDashboardCharts();
builder.Services.AddDashboardEvents(builder.Configuration);
builder.Services.AddDashboardStore(builder.Configuration);
builder.Services.AddDashboardHealth();
builder.Services.AddDashboardAlerts(builder.Configuration);
builder.Services.AddDashboardObservability(builder.Configuration);
builder.Services.AddEmbeddedHospital(builder.Configuration);
builder.Services.AddDashboardProxy(builder.Configuration);
builder.Services.AddDashboardDataProtection();
builder.Services.AddDashboardAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddDashboardAuthorization();
builder.Services.AddDashboardRateLimiting(builder.Configuration);
builder.Services.AddDashboardAudit();
builder.Services.AddDashboardApi();
builder.Services.AddDashboardOpenApi();
builder.Services.AddDashboardUi(builder.Configuration);

var app = builder.Build();

app.UseDashboardForwardedHeaders();
app.UseDashboardErrorHandling();
app.UseDashboardSecurityHeaders();
app.UseAuthentication();
app.UseUserLogScope();
app.UseAuditOfRefusals();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

// Stylesheets and scripts: the sign-in page needs them before anyone has signed in.
app.MapStaticAssets().AllowAnonymous();
app.MapDashboardApi();
app.MapDashboardEvents();
app.MapDashboardAlerts();
app.MapDashboardCharts();
app.MapDashboardHealth();
app.MapDashboardMetrics();
app.MapDashboardOpenApi();
app.MapDashboardAccount();
app.MapDashboardUi();

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
