using AdminDashboard.Audit;

namespace AdminDashboard.Tests.Security;

/// <summary>The in-memory audit trail: the newest entries first, never more than it keeps.</summary>
public sealed class MemoryAuditSinkTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(int i) => new(Noon.AddSeconds(i), "admin", "admin-id", "view", $"/v1/admin/{i}", "127.0.0.1");

    [Fact]
    public void Past_what_it_keeps_the_oldest_entries_go_and_the_newest_come_first()
    {
        var sink = new MemoryAuditSink();
        for (var i = 0; i < AuditLog.Kept + 5; i++) sink.Append(Entry(i));

        var recent = sink.Recent(AuditLog.Kept + 100);

        Assert.Equal(AuditLog.Kept, recent.Count);
        Assert.Equal($"/v1/admin/{AuditLog.Kept + 4}", recent[0].Resource);
        Assert.Equal("/v1/admin/5", recent[^1].Resource);
    }

    [Fact]
    public void Fewer_entries_than_asked_are_all_answered_newest_first()
    {
        var sink = new MemoryAuditSink();
        for (var i = 0; i < 3; i++) sink.Append(Entry(i));

        Assert.Equal(["/v1/admin/2", "/v1/admin/1"], sink.Recent(2).Select(e => e.Resource));
        Assert.Equal(3, sink.Recent(10).Count);
        Assert.Empty(new MemoryAuditSink().Recent(5));
    }
}
