using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BlazorAdmin.Bench.Hosting;

/// <summary>
/// The physical limit of the cache-hit path: the same HTTP stack (Kestrel, ASP.NET Core routing) answering
/// bytes read from Redis with no logic at all: no auth, no deserialisation, no logging, no middleware; and the same
/// bytes from memory, no Redis either (<see cref="ConstantPath"/>).
/// It runs in a process of its own, like the dashboard, so both pay the same for process boundaries.
/// </summary>
public static class ReferenceServer
{
    public const string Path = "/reference/stats";
    /// <summary>The same bytes, read from Redis once at start and answered from memory: the ceiling of an in-process first level.</summary>
    public const string ConstantPath = "/reference/constant";

    /// <summary>Entry point of <c>BlazorAdmin.Bench reference-server PORT REDIS KEY</c>.</summary>
    public static async Task<int> RunAsync(int port, string redisEndpoint, string key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var redis = await ConnectionMultiplexer.ConnectAsync(redisEndpoint);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        var app = builder.Build();
        var db = redis.GetDatabase();
        app.MapGet(Path, async (HttpContext context) =>
        {
            byte[]? bytes = await db.StringGetAsync(key);
            if (bytes is null) return Results.NotFound();
            return Results.Bytes(bytes, "application/json; charset=utf-8");
        });
        byte[] constant = (await db.StringGetAsync(key))!;
        app.MapGet(ConstantPath, () => Results.Bytes(constant, "application/json; charset=utf-8"));
        app.MapGet("/reference/ready", () => Results.Ok());
        await app.RunAsync();
        return 0;
    }

    /// <summary>Starts the reference server as a child process of this benchmark and waits until it answers.</summary>
    public static async Task<ChildProcess> StartAsync(BenchEnvironment env, string key)
    {
        var port = BenchEnvironment.FreePort();
        var self = Environment.ProcessPath ?? "dotnet";
        var args = self.EndsWith("dotnet", StringComparison.Ordinal)
            ? new[] { typeof(ReferenceServer).Assembly.Location, "reference-server", port.ToString(), env.RedisEndpoint, key }
            : ["reference-server", port.ToString(), env.RedisEndpoint, key];
        var process = Process.Start(new ProcessStartInfo(self, args) { UseShellExecute = false })
            ?? throw new InvalidOperationException("The reference server did not start.");
        var child = new ChildProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = child.BaseUrl };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await client.GetAsync("/reference/ready")).IsSuccessStatusCode) return child;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        await child.DisposeAsync();
        throw new InvalidOperationException("The reference server did not answer within 10 s.");
    }
}

public sealed class ChildProcess(Process process, Uri baseUrl) : IAsyncDisposable
{
    public Uri BaseUrl { get; } = baseUrl;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
