using System.Net;
using System.Net.Http.Headers;
using AdminDashboard.Core.Events;
using AdminDashboard.Core.Events.Contracts;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminDashboard.Tests.Events;

/// <summary>The attack that was tried from outside: an eventId with newlines, published to the broker, on a live SSE stream.</summary>
[Collection(DashboardAppCollection.Name)]
public sealed class HostileEventStreamTests(DashboardAppFactory app)
{
    [Fact]
    public async Task A_newline_in_an_event_id_or_a_name_cannot_forge_an_sse_frame()
    {
        using var client = app.CreateApiClient(TestTokens.Admin());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal("event: status", await reader.ReadLineAsync(timeout.Token));

        var pipeline = app.Services.GetRequiredService<EventPipeline>();
        var marker = Guid.NewGuid().ToString("N");
        await pipeline.HandleAsync(EventTopics.AppointmentCreated,
            $$"""{"eventType":"appointment.created","eventId":"{{marker}}\nevent: forged\ndata: {}\n","appointmentId":"{{marker}}","patientName":"Eve\r\n\r\nevent: forged","doctorName":"Dr. X\ndata: x"}""",
            CancellationToken.None);

        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            lines.Add(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(marker, StringComparison.Ordinal)) break;
        }
        var frame = lines.SkipWhile(l => !l.StartsWith("id: ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(lines, l => l.Contains("forged", StringComparison.Ordinal) && !l.StartsWith("data: {", StringComparison.Ordinal));
        Assert.Equal(3, frame.Count);
        Assert.Matches("^id: [A-Za-z0-9_-]{1,64}$", frame[0]);
        Assert.Equal("event: appointment.created", frame[1]);
    }
}
