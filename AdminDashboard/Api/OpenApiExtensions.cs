using System.Text.Json.Nodes;
using AdminDashboard.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace AdminDashboard.Api;

/// <summary>
/// The OpenAPI document of the JSON API at /openapi/v1.json (Admin role outside Development): on every /v1/admin
/// operation the bearer requirement and every answer it gives (401/403/429 as problem details), examples of the full
/// and the partial stats envelope; a browsable reference at /scalar in Development. It must lint clean under Redocly's
/// recommended rules and spectral:oas (OpenApiLintTests).
/// </summary>
public static class OpenApiExtensions
{
    public const string BearerScheme = "Bearer";

    /// <summary>The tag of every /v1/admin operation.</summary>
    public const string AdminTag = "Admin";

    private const string ProblemJson = "application/problem+json";

    /// <summary>What each error status means on a /v1/admin operation, as the document says it.</summary>
    private static readonly Dictionary<int, string> ErrorDescriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "A query parameter is not understood or out of range; `errors` names each parameter at fault.",
        [StatusCodes.Status401Unauthorized] = "No valid bearer token.",
        [StatusCodes.Status403Forbidden] = "The token lacks the Admin role.",
        [StatusCodes.Status404NotFound] = "No alert of the last 7 days has that id; `id` names it.",
        [StatusCodes.Status409Conflict] = "The alert has already resolved: there is nothing left to acknowledge; `id` names it.",
        [StatusCodes.Status429TooManyRequests] = "Rate limit reached, per user or per client address; retry after `Retry-After` seconds.",
        [StatusCodes.Status503ServiceUnavailable] = "`format=csv` while the chart's service is unavailable and no last-known-good copy exists; the JSON envelope says why instead.",
    };

    /// <summary>
    /// The answers every /v1/admin endpoint can give besides its own: 401, 403 and 429, each as problem details. Declared
    /// as endpoint metadata, so the document's schema for them is the framework's own <see cref="ProblemDetails"/>.
    /// </summary>
    public static TBuilder WithAdminApiResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithTags(AdminTag).WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [ProblemJson]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [ProblemJson]),
            new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), [ProblemJson]));

    public static IServiceCollection AddDashboardOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "BlazorAdmin API",
                    Version = "v1",
                    Description = "Aggregated KPIs of the hospital's five services, chart data, system health and live events. " +
                        "Every /v1/admin endpoint needs a bearer token with the Admin role: Entra ID in production, `dotnet user-jwts create --role Admin` in Development.",
                };
                // The server URL is the request's origin plus its path base; a trailing slash would double the one every path starts with.
                foreach (var server in document.Servers ?? [])
                {
                    if (server.Url is { Length: > 1 } url && url.EndsWith('/')) server.Url = url.TrimEnd('/');
                }
                document.Tags = new HashSet<OpenApiTag>
                {
                    new() { Name = AdminTag, Description = "The admin API: Admin role required, errors as RFC 9457 problem details." },
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT with the Admin role (app role `Admin` in Entra ID).",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var path = "/" + context.Description.RelativePath?.Split('?')[0];
                if (!path.StartsWith("/v1/admin", StringComparison.Ordinal)) return Task.CompletedTask;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is not OpenApiResponse described || !int.TryParse(status, out var code)) continue;
                    if (ErrorDescriptions.TryGetValue(code, out var description)) described.Description = description;
                    if (code == StatusCodes.Status429TooManyRequests)
                    {
                        described.Headers ??= new Dictionary<string, IOpenApiHeader>();
                        described.Headers[HeaderNames.RetryAfter] = new OpenApiHeader
                        {
                            Description = "Seconds until the rate-limit window opens again.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                        };
                    }
                }
                SortByStatus(operation);
                if (path == "/v1/admin/dashboard/stats" && operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var json) == true)
                {
                    json.Examples ??= new Dictionary<string, IOpenApiExample>();
                    json.Examples["full"] = new OpenApiExample { Summary = "All five services answered", Value = JsonNode.Parse(FullExample) };
                    json.Examples["partial"] = new OpenApiExample { Summary = "Billing timed out; its last-known-good figures are served stale", Value = JsonNode.Parse(PartialExample) };
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>200 first, then the errors in order: group metadata (401/403/429) would otherwise come before the endpoint's own.</summary>
    private static void SortByStatus(OpenApiOperation operation)
    {
        if (operation.Responses is not { } responses) return;
        var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        responses.Clear();
        foreach (var (status, response) in sorted) responses.Add(status, response);
    }

    public static WebApplication MapDashboardOpenApi(this WebApplication app)
    {
        var document = app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Environment.IsDevelopment())
        {
            document.AllowAnonymous();
            app.MapScalarApiReference("/scalar", o => o.WithTitle("BlazorAdmin API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        }
        else
            document.RequireAuthorization(AuthPolicies.Admin);
        return app;
    }

    private const string Sources = """
        [{"service":"patients","displayName":"Patients","status":"ok","latencyMs":4,"asOf":"2026-11-25T14:01:18Z","ageSeconds":null,"error":null},
         {"service":"doctors","displayName":"Doctors","status":"ok","latencyMs":3,"asOf":"2026-11-25T14:01:18Z","ageSeconds":null,"error":null},
         {"service":"appointments","displayName":"Appointments","status":"ok","latencyMs":5,"asOf":"2026-11-25T14:01:18Z","ageSeconds":null,"error":null},
         BILLING,
         {"service":"medicine","displayName":"Pharmacy","status":"ok","latencyMs":3,"asOf":"2026-11-25T14:01:18Z","ageSeconds":null,"error":null}]
        """;

    private const string Data = """
        {"totalPatients":15234,"activeDoctors":174,"todayAppointments":130,"revenueToday":45678000,
         "patients":{"totalPatients":15234,"activePatients":7851,"inactivePatients":7383,"newToday":10,"newLast7Days":177,"newThisMonth":565,"averageAge":47.4,"asOf":"2026-11-25T14:01:18Z"},
         "doctors":{"totalDoctors":190,"activeDoctors":174,"onLeave":11,"inactive":5,"departments":12,"byDepartment":[{"department":"Cardiology","activeDoctors":15}],"asOf":"2026-11-25T14:01:18Z"},
         "appointments":{"today":{"total":130,"scheduled":50,"checkedIn":2,"completed":64,"cancelled":11,"noShow":3},"last30Days":{"total":3807,"scheduled":50,"checkedIn":2,"completed":3080,"cancelled":320,"noShow":355},"upcomingNext7Days":807,"averageWaitMinutesToday":31,"finishedWaitsToday":64,"asOf":"2026-11-25T14:01:18Z"},
         "revenue":{"currency":"VND","revenueToday":45678000,"paymentsToday":70,"revenueLast7Days":465502000,"revenueMonthToDate":1599609000,"outstandingInvoices":713,"outstandingAmount":480062000,"revenueByDepartmentToday":[{"department":"Radiology","amount":6764000}],"asOf":"REVENUE_AS_OF"},
         "medicine":{"totalItems":300,"lowStock":33,"outOfStock":12,"atRiskWithin7Days":22,"expiringWithin30Days":10,"expired":10,"inventoryValue":61324863000,"asOf":"2026-11-25T14:01:18Z"},
         "derived":{"appointmentCompletionRateToday":0.9552,"noShowRateToday":0.0448,"noShowRateLast30Days":0.1034,"revenuePerVisitToday":713718,"averageWaitMinutesToday":31},
         "timestamp":"2026-11-25T14:01:18Z","timeZone":"Asia/Ho_Chi_Minh","responseTime":6,"fromCache":false}
        """;

    private static readonly string FullExample =
        $$"""{"success":true,"data":{{Data.Replace("REVENUE_AS_OF", "2026-11-25T14:01:18Z")}},"warnings":[],"partial":false,"sources":{{Sources.Replace("BILLING",
            """{"service":"billing","displayName":"Billing","status":"ok","latencyMs":4,"asOf":"2026-11-25T14:01:18Z","ageSeconds":null,"error":null}""")}}}""";

    private static readonly string PartialExample =
        $$"""{"success":true,"data":{{Data.Replace("REVENUE_AS_OF", "2026-11-25T13:57:02Z")}},"warnings":["Billing figures are 4 min old: service unavailable"],"partial":true,"sources":{{Sources.Replace("BILLING",
            """{"service":"billing","displayName":"Billing","status":"stale","latencyMs":250,"asOf":"2026-11-25T13:57:02Z","ageSeconds":256,"error":"no answer within 250 ms"}""")}}}""";
}
