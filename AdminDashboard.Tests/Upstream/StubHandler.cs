using System.Net;
using System.Text;

namespace AdminDashboard.Tests.Upstream;

/// <summary>A service that answers every request with one fixed status and body, without a network.</summary>
public sealed class StubHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
{
    public int Calls { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request });
    }
}
