using Microsoft.Extensions.Options;

namespace AdminDashboard.Core.Upstream;

/// <summary>Adds the service-to-service guard's headers to every upstream request.</summary>
public sealed class InternalRequestHandler(IOptionsMonitor<InternalOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(InternalRequestHeaders.InternalRequest);
        request.Headers.Remove(InternalRequestHeaders.GatewaySecret);
        request.Headers.Add(InternalRequestHeaders.InternalRequest, "true");
        request.Headers.Add(InternalRequestHeaders.GatewaySecret, options.CurrentValue.GatewaySecret);
        return base.SendAsync(request, cancellationToken);
    }
}
