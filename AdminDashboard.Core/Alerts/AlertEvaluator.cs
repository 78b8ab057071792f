using System.Threading.Channels;
using AdminDashboard.Core.Caching;
using AdminDashboard.Core.Live;
using AdminDashboard.Core.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Alerts;

/// <summary>
/// The one evaluator of the process. It subscribes to the <see cref="DashboardStore"/> as a page does (which keeps the
/// store's one timer running with no page open) and to the live status, and looks at the rules on each snapshot, each
/// status change and every <see cref="AlertsOptions.CheckSeconds"/> (a duration can pass while nothing changes, and Redis's
/// availability has no event). Looks run one at a time, off the store's thread.
/// </summary>
public sealed class AlertEvaluator(
    DashboardStore store,
    LiveUpdates hub,
    AlertBoard board,
    IServiceProvider services,
    IOptions<AlertsOptions> options,
    IOptions<CacheOptions> cacheOptions,
    TimeProvider time,
    ILogger<AlertEvaluator> logger) : BackgroundService
{
    /// <summary>The range the evaluator watches: the dashboard's default, so its charts (and the stock list) are read anyway.</summary>
    public const int WatchedRangeDays = 30;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DashboardSnapshot? _latest;

    /// <summary>Completes once the evaluator has loaded the stored alerts and subscribed (for tests and the bench).</summary>
    public Task Started => _started.Task;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource _looked = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next look at the rules has finished: a signal for tests and the bench, not a timer.</summary>
    public Task NextLookAsync() => Volatile.Read(ref _looked).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            _started.TrySetResult();
            return;
        }
        // Redis's health is read only where Redis is the cache; elsewhere it cannot degrade.
        var redis = cacheOptions.Value.Provider == CacheProvider.Redis ? services.GetRequiredService<ResilientDashboardCache>() : null;
        await LoadAsync(stoppingToken);
        await using var others = await ListenAsync(stoppingToken);
        await using var snapshots = store.Subscribe(WatchedRangeDays, snapshot =>
        {
            Volatile.Write(ref _latest, snapshot);
            Wake();
            return Task.CompletedTask;
        });
        using var status = hub.Subscribe(n =>
        {
            if (n is StatusNotification) Wake();
            return Task.CompletedTask;
        });
        using var timer = time.CreateTimer(_ => Wake(), null, TimeSpan.FromSeconds(o.CheckSeconds), TimeSpan.FromSeconds(o.CheckSeconds));
        Volatile.Write(ref _latest, store.Current(WatchedRangeDays));
        _started.TrySetResult();

        var evaluation = new AlertEvaluation(o.EffectiveRules, board);
        var reconciled = time.GetUtcNow();
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stoppingToken))
            {
                _wake.Reader.TryRead(out _);
                var now = time.GetUtcNow();
                if (now - reconciled >= TimeSpan.FromSeconds(o.ReconcileSeconds))
                {
                    // A transition published while this instance's subscription was down is not lost for good, and
                    // alerts resolved longer ago than the retention leave the board.
                    reconciled = now;
                    await LoadAsync(stoppingToken);
                }
                var snapshot = Volatile.Read(ref _latest);
                var inputs = new AlertInputs(snapshot?.Stats, snapshot?.Charts.Stock, redis?.RedisAvailable, hub.Status);
                try
                {
                    await evaluation.EvaluateAsync(inputs, now, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "The alert evaluator failed; it looks again on the next change");
                }
                Interlocked.Exchange(ref _looked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await board.LoadAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not read the stored alerts; showing this instance's until the store answers");
        }
    }

    private async Task<IAsyncDisposable?> ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await board.ListenToOthersAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not listen to other instances' alerts; re-reading them every {Seconds} s instead", options.Value.ReconcileSeconds);
            return NoListener.Instance;
        }
    }

    private sealed class NoListener : IAsyncDisposable
    {
        public static readonly NoListener Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
