using System.Net.Http.Headers;
using System.Text.Json;

namespace AdminDashboard.Tests.Alerts;

/// <summary>One Server-Sent Event: its <c>id</c>, <c>event</c> and <c>data</c> lines.</summary>
internal sealed record SseFrame(string? Id, string? Event, string? Data)
{
    public JsonElement Json => JsonDocument.Parse(Data!).RootElement;
}

/// <summary>An open <c>/v1/admin/events</c> stream read frame by frame.</summary>
internal sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path = "/v1/admin/events")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public List<SseFrame> Seen { get; } = [];

    /// <summary>The next frame that matches; frames before it are skipped (comments too).</summary>
    public async Task<SseFrame> NextAsync(Func<SseFrame, bool> match, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        while (true)
        {
            string? id = null, type = null, data = null;
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
                if (line.Length == 0) break;
                if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            }
            var frame = new SseFrame(id, type, data);
            Seen.Add(frame);
            if (type is not null && match(frame)) return frame;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
