using System.Diagnostics;
using AdminDashboard.Audit;
using AdminDashboard.Core.Caching;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Security;

/// <summary>With Redis configured, the audit trail is a Redis stream: it outlives the instance that wrote it.</summary>
[Collection(RedisCollection.Name)]
[Trait("Category", "Redis")]
public sealed class AuditSinkTests(RedisServerFixture redis)
{
    private DashboardAppFactory App() => new()
    {
        Settings = { ["Cache:Provider"] = "Redis", ["ConnectionStrings:Redis"] = redis.ConnectionString },
    };

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task An_audit_entry_written_before_a_restart_is_on_the_audit_trail_after_it()
    {
        await redis.FlushAsync();
        var resource = "/v1/admin/charts/revenue?days=" + Random.Shared.Next(1, 365);
        await using (var before = App())
        {
            using var client = before.CreateApiClient(TestTokens.CreateFor("auditor-1", "Admin"));
            await UntilAsync(() => before.Services.GetRequiredService<RedisConnection>().IsConnected, "Redis is connected");
            Assert.True((await client.GetAsync(resource)).IsSuccessStatusCode);
            await UntilAsync(() => redis.Db.StreamLength(RedisStreamAuditSink.StreamKey) > 0, "the entry reached the stream");
        }

        await using var after = App();
        after.StartServer();
        await UntilAsync(() => after.Services.GetRequiredService<RedisConnection>().IsConnected, "Redis is connected");
        var recent = after.Services.GetRequiredService<AuditLog>().Recent(10);

        var entry = Assert.Single(recent, e => e.Resource == resource);
        Assert.Equal("auditor-1", entry.UserId);
        Assert.Equal("view", entry.Action);
    }

    [Fact]
    public void Without_redis_the_audit_trail_is_kept_in_memory()
    {
        using var app = new DashboardAppFactory();
        app.StartServer();

        Assert.IsType<MemoryAuditSink>(app.Services.GetRequiredService<IAuditSink>());
    }
}
