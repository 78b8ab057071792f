using AdminDashboard.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AdminDashboard.Tests.Observability;

public sealed class UserScopeTests
{
    [Fact]
    public void A_log_line_inside_the_users_scope_carries_exactly_the_user_id_field()
    {
        var collector = new FakeLogCollector();
        using var logs = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var logger = logs.CreateLogger("test");

        using (logger.BeginScope(new UserScope("u-42"))) logger.LogInformation("inside");

        var scope = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object>>>(Assert.Single(collector.LatestRecord.Scopes));
        Assert.Equal([new KeyValuePair<string, object>(UserScope.UserId, "u-42")], scope.ToList());
    }
}
