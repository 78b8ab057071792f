using AdminDashboard.Auth;

namespace AdminDashboard.Observability;

public static class UserLogScope
{
    // One scope state per principal: a cached bearer token's principal serves every call of that token.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<System.Security.Claims.ClaimsPrincipal, UserScope> Scopes = [];

    private static UserScope NewScope(System.Security.Claims.ClaimsPrincipal user) => new(UserIdentity.Key(user));

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
            using (logger.BeginScope(Scopes.GetValue(context.User, NewScope)))
                await next(context);
        });
        return app;
    }
}

/// <summary>
/// The scope's one field as a list of one pair, which is what the loggers read: no dictionary (buckets, entries,
/// comparer) per request.
/// </summary>
public sealed class UserScope(string userId) : IReadOnlyList<KeyValuePair<string, object>>
{
    public const string UserId = "UserId";

    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new(UserId, userId) : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => 1;

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{UserId}:{userId}";
}
