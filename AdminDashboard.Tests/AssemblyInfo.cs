// Timing assertions (deadlines, TTLs) need the two cores to themselves: collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
