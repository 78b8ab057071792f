using System.Security.Claims;
using AdminDashboard.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AdminDashboard.Tests.Security;

/// <summary>The audit record is written off the request's path, in batches, and none is lost when the host stops cleanly.</summary>
public sealed class AuditLogWriterTests
{
    private static ClaimsPrincipal Admin() => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ada"), new Claim("oid", "u-1")], "test"));

    [Fact]
    public async Task Every_entry_recorded_before_a_clean_shutdown_is_written_to_the_audit_log()
    {
        var collector = new FakeLogCollector();
        using var logs = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var writer = new AuditLogWriter(logs);
        var audit = new AuditLog(writer, new FakeTimeProvider(), new MemoryAuditSink());
        await writer.StartAsync(CancellationToken.None);

        for (var i = 0; i < 1000; i++) audit.Record(Admin(), "view", $"/v1/admin/dashboard/stats?i={i}", "127.0.0.1");
        await writer.StopAsync(CancellationToken.None);

        var written = collector.GetSnapshot().Where(r => r.Category == AuditLogWriter.Category).ToList();
        Assert.Equal(1000, written.Count);
        Assert.All(written, r => Assert.Equal(9001, r.Id.Id));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"/v1/admin/dashboard/stats?i={i}"),
            written.Select(r => r.StructuredState!.Single(kv => kv.Key == "Resource").Value));
    }

    [Fact]
    public async Task An_entry_recorded_after_shutdown_began_is_still_written()
    {
        var collector = new FakeLogCollector();
        using var logs = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)));
        var writer = new AuditLogWriter(logs);
        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);

        new AuditLog(writer, new FakeTimeProvider(), new MemoryAuditSink()).Record(Admin(), "export", "/v1/admin/charts/revenue?format=csv", null);

        Assert.Single(collector.GetSnapshot(), r => r.Category == AuditLogWriter.Category);
    }
}
