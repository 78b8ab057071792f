using AdminDashboard.Auth;

namespace AdminDashboard.Observability;

public static class UserLogScope
{
    /// <summary>
    /// Adds the signed-in user's id to every log line of the request, next to the request id and trace id that
    /// ASP.NET Core's scopes already carry (JSON console outside Development).
    /// </summary>
    public static WebApplication UseUserLogScope(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BlazorAdmin.Request");
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await next(context);
                return;
            }
            using (logger.BeginScope(new Dictionary<string, object> { ["UserId"] = UserIdentity.Key(context.User) }))
                await next(context);
        });
        return app;
    }
}
