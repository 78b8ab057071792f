using AdminDashboard.Core.Events;
using Confluent.Kafka;

namespace AdminDashboard.Tests.Events;

public sealed class ConsumerLagTests
{
    [Fact]
    public void Group_lag_is_the_sum_over_every_assigned_partition_not_the_last_delivering_one()
    {
        PartitionProgress[] partitions =
        [
            new(HighWatermark: 120, Position: 120), // caught up: the one that just delivered
            new(HighWatermark: 50, Position: 45),
            new(HighWatermark: 1_000, Position: 700),
        ];

        Assert.Equal(305, ConsumerLag.Total(partitions));
    }

    [Fact]
    public void A_partition_not_read_yet_counts_from_the_offset_it_was_assigned()
    {
        var backlog = new PartitionProgress(HighWatermark: 90, Position: Offset.Unset.Value, StartOffset: 60);

        Assert.Equal(30, ConsumerLag.Of(backlog));
    }

    [Theory]
    [InlineData(-1001, 10, -1001)] // high watermark not fetched yet
    [InlineData(80, -1001, -1001)] // neither position nor start known
    [InlineData(80, -1001, -1)] // assigned "at the end", not yet resolved
    public void A_partition_whose_lag_cannot_be_known_is_unknown_and_counts_as_zero(long high, long position, long start)
    {
        var unknown = new PartitionProgress(high, position, start);

        Assert.Null(ConsumerLag.Of(unknown));
        Assert.Equal(7, ConsumerLag.Total([unknown, new PartitionProgress(17, 10)]));
    }

    [Fact]
    public void A_position_past_a_stale_cached_watermark_is_no_lag_not_a_negative_one()
    {
        Assert.Equal(0, ConsumerLag.Of(new PartitionProgress(HighWatermark: 10, Position: 12)));
    }

    [Fact]
    public void No_assigned_partitions_is_no_lag()
    {
        Assert.Equal(0, ConsumerLag.Total([]));
    }
}
