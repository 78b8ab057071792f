using HospitalServices.Contracts;
using HospitalServices.Events;
using HospitalServices.Guard;
using HospitalServices.Hosting;
using HospitalServices.Seed;

// Runs one hospital service (--service patients) or all five (default) as a standalone process.
// Configuration: Internal:GatewaySecret (required; the development one only in Development), Services:{Patients|...}:Url
// (default http://127.0.0.1:{port}: loopback, so a container or a host on a network says 0.0.0.0 on purpose),
// Hospital:TimeZone (IANA id, default Asia/Ho_Chi_Minh: the zone of the hospital's day, as in the dashboard),
// Faults:Enabled (the fault and simulate switches; default on in Development only).
var builder = Host.CreateApplicationBuilder(args);
if (!HospitalClock.TryFindZone(builder.Configuration[HospitalClock.TimeZoneSetting] ?? HospitalClock.DefaultTimeZone, out var zone, out var zoneError))
{
    Console.Error.WriteLine(zoneError + " (env Hospital__TimeZone).");
    return 2;
}
var secret = builder.Configuration["Internal:GatewaySecret"];
if (string.IsNullOrWhiteSpace(secret) || secret.Length < 16)
{
    Console.Error.WriteLine("Internal:GatewaySecret is required, at least 16 characters (env Internal__GatewaySecret).");
    return 2;
}
var previousSecret = builder.Configuration["Internal:PreviousGatewaySecret"];
if (!builder.Environment.IsDevelopment() && (secret == InternalRequestGuard.DevelopmentSecret || previousSecret == InternalRequestGuard.DevelopmentSecret))
{
    Console.Error.WriteLine($"Internal:GatewaySecret is the development secret, which is public; set a real one outside Development " +
        $"(environment {builder.Environment.EnvironmentName}; env Internal__GatewaySecret).");
    return 2;
}
var faults = builder.Configuration.GetValue<bool?>(InternalSwitches.FaultsEnabledKey) ?? builder.Environment.IsDevelopment();
var only = builder.Configuration["service"];
var services = HospitalServiceInfo.All
    .Where(s => only is null || string.Equals(only, s.ToString(), StringComparison.OrdinalIgnoreCase))
    .ToDictionary(s => s, s => new Uri(builder.Configuration[$"Services:{s}:Url"] ?? $"http://127.0.0.1:{HospitalServiceInfo.DefaultPort(s)}"));
if (services.Count == 0)
{
    Console.Error.WriteLine($"Unknown --service '{only}'. Use one of: {string.Join(", ", HospitalServiceInfo.All).ToLowerInvariant()}.");
    return 2;
}
using var host = builder.Build();
var logs = host.Services.GetRequiredService<ILoggerFactory>();
// Kafka:BootstrapServers set: publish domain events there; Kafka:Client and Kafka:Producer go to librdkafka as they are.
using var publisher = KafkaDomainEventPublisher.FromConfiguration(builder.Configuration, logs.CreateLogger<KafkaDomainEventPublisher>());
// During a rotation: Internal:PreviousGatewaySecret is still accepted until it is removed.
await using var cluster = await HospitalCluster.StartAsync(services, secret, logs: logs, publisher: publisher,
    previousGatewaySecret: previousSecret, timeZone: zone, switches: faults ? InternalSwitches.All : InternalSwitches.None);
foreach (var (service, url) in services)
{
    logs.CreateLogger("HospitalServices").LogInformation("{Service} service listening on {Url}", service, url);
}
logs.CreateLogger("HospitalServices").LogInformation("The hospital's day is counted in {TimeZone}", zone.Id);
await host.RunAsync();
return 0;
