using System.Text.Json;
using AdminDashboard.Core.Aggregation;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Stats;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Tests.Caching;

/// <summary>A hit's body is the stored bytes with <c>responseTime</c> and <c>fromCache</c> spliced in: byte for byte what serializing would give.</summary>
public sealed class StatsJsonTests
{
    private static ApiEnvelope<DashboardStats> Envelope(long responseTime, bool fromCache) => new(
        Success: true,
        new DashboardStats(1200, 40, 85, 1_250_000, null, null, null, null, null,
            new DerivedMetrics(0.91, 0.04, 0.05, 14_000, 12.5), new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero), "Europe/Berlin",
            responseTime, fromCache),
        ["Patients: \"responseTime\":1,\"fromCache\":false in a warning"], Partial: true,
        [new SourceReport("patients", "Patients", SourceStatus.Ok, 12, null, null, null)]);

    [Theory]
    [InlineData(0, true)]
    [InlineData(7, false)]
    [InlineData(1234567, true)]
    public void The_spliced_answer_is_byte_for_byte_the_serialized_envelope_with_that_response_time_and_origin(long responseTime, bool fromCache)
    {
        var stored = JsonSerializer.SerializeToUtf8Bytes(Envelope(42, false), UpstreamJson.Options);
        var entry = new CacheEntry(stored, Envelope(42, false), DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var answer = new StatsJson(entry, responseTime, fromCache);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        answer.WriteTo(buffer);

        var expected = JsonSerializer.SerializeToUtf8Bytes(Envelope(responseTime, fromCache), UpstreamJson.Options);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(expected.Length, answer.Length);
    }

    [Fact]
    public void An_envelope_without_data_response_time_cannot_be_spliced()
    {
        var json = """{"success":true,"data":{"fromCache":false},"responseTime":3}"""u8.ToArray();

        Assert.Throws<InvalidOperationException>(() => JsonSplice.Locate(json));
    }
}
