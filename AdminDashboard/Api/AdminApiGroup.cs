using AdminDashboard.Audit;
using AdminDashboard.Auth;

namespace AdminDashboard.Api;

public static class AdminApiGroup
{
    /// <summary>
    /// A group under <c>/v1/admin</c> with what every admin endpoint has: the Admin role, its documented error
    /// answers and an audit record. One place, so no endpoint can be mapped without them.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string path = "") =>
        app.MapGroup("/v1/admin" + path).RequireAuthorization(AuthPolicies.Admin).WithAdminApiResponses().Audited();
}
