namespace AdminDashboard.Core.Events;

/// <summary>
/// Where the consumer stands on one partition: the partition's high watermark (the offset the next produced message
/// will get), the consumer's position (the next offset it will read) and the offset it was assigned to start from.
/// Negative values are librdkafka's "not known" markers (unset, beginning, end, stored).
/// </summary>
public readonly record struct PartitionProgress(long HighWatermark, long Position, long StartOffset = -1);

/// <summary>How many messages the consumer group has yet to read, over every partition assigned to it.</summary>
public static class ConsumerLag
{
    /// <summary>
    /// One partition's lag, or null while it cannot be known. Before the first message of a partition is read the position
    /// is not known, but the consumer will start at the offset it was assigned, so that stands in for it.
    /// </summary>
    public static long? Of(PartitionProgress partition)
    {
        var next = partition.Position >= 0 ? partition.Position : partition.StartOffset;
        return partition.HighWatermark < 0 || next < 0 ? null : Math.Max(0, partition.HighWatermark - next);
    }

    /// <summary>The group's lag: the sum over the assigned partitions; a partition whose lag is not known yet counts as 0.</summary>
    public static long Total(IEnumerable<PartitionProgress> partitions)
    {
        long total = 0;
        foreach (var partition in partitions) total += Of(partition) ?? 0;
        return total;
    }
}
