using AdminDashboard.Core.Caching;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Caching;

/// <summary>
/// Two dashboard instances sharing one real Redis, each with its own first level: an event (which every instance
/// consumes, and which each applies with <see cref="FirstLevelCache.MarkStaleAsync"/> as its EventPipeline does) has both
/// serve the new figures, from their own first level, once their one refresh is done.
/// </summary>
[Collection(RedisCollection.Name)]
[Trait("Category", "Redis")]
public sealed class TwoInstanceCoherenceTests(RedisServerFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly List<ServiceProvider> _instances = [];
    private int _figure = 1;
    private int _loads;

    public Task InitializeAsync() => redis.FlushAsync();

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    private sealed class LiveFeed : ICacheInvalidationFeed
    {
        public bool IsLive => true;
    }

    private ServiceProvider StartInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cache:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics().AddSingleton<ICacheInvalidationFeed, LiveFeed>();
        services.AddDashboardCaching(configuration);
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider;
    }

    private Task<(CacheEntry Entry, bool FromCache)> ReadAsync(ServiceProvider instance) =>
        instance.GetRequiredService<SingleFlightLoader>().GetEntryAsync(CacheKeys.Stats, () =>
        {
            Interlocked.Increment(ref _loads);
            return Task.FromResult((new Figure(Volatile.Read(ref _figure)), TimeSpan.FromSeconds(30)));
        }, CancellationToken.None);

    public sealed record Figure(int Value);

    [Fact]
    public async Task After_an_event_both_instances_serve_the_new_figures_from_their_first_level_within_one_refresh()
    {
        var a = StartInstance();
        var b = StartInstance();
        Assert.False((await ReadAsync(a)).FromCache);
        var fromRedis = await ReadAsync(b);
        Assert.True(fromRedis.FromCache);
        Assert.Equal(1, _loads);
        Assert.Equal(1, ((Figure)fromRedis.Entry.Value).Value);

        Volatile.Write(ref _figure, 2);
        var refreshes = new[] { a, b }.Select(instance =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            instance.GetRequiredService<FirstLevelCache>().Refreshed += key => { if (key == CacheKeys.Stats) done.TrySetResult(); };
            return done.Task;
        }).ToList();
        await Task.WhenAll(a.GetRequiredService<FirstLevelCache>().MarkStaleAsync(CacheKeys.Stats, CancellationToken.None),
            b.GetRequiredService<FirstLevelCache>().MarkStaleAsync(CacheKeys.Stats, CancellationToken.None));
        await Task.WhenAll(refreshes).WaitAsync(Patience);

        foreach (var instance in new[] { a, b })
        {
            var (entry, fromCache) = await ReadAsync(instance);
            Assert.True(fromCache);
            Assert.Equal(2, ((Figure)entry.Value).Value);
            Assert.False(entry.IsStale);
        }
        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task A_key_deleted_in_redis_by_hand_is_forgotten_by_the_first_level_too()
    {
        var a = StartInstance();
        var watcher = a.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RedisKeyspaceWatcher>().Single();
        await watcher.StartAsync(CancellationToken.None);
        await watcher.Subscribed.WaitAsync(Patience);
        var forgotten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await ReadAsync(a);
        var firstLevel = a.GetRequiredService<FirstLevelCache>();
        Assert.NotNull(firstLevel.TryGet(CacheKeys.Stats));
        firstLevel.Forgotten += key => { if (key == CacheKeys.Stats) forgotten.TrySetResult(); };

        await redis.Db.KeyDeleteAsync(CacheKeys.Stats);

        await forgotten.Task.WaitAsync(Patience);
        Assert.Null(firstLevel.TryGet(CacheKeys.Stats));
        Assert.False((await ReadAsync(a)).FromCache);
    }
}
