using System.Text.Json;

namespace AdminDashboard.Core.Upstream;

/// <summary>
/// Reads a service's answer in either shape it may come in: <c>{ "success": true, "data": { ... } }</c>, or the bare
/// object of services that predate that envelope. The shape is told by a top-level <c>success</c> boolean. One pass of
/// the reader finds the fields; only <c>data</c> (or the whole bare object) is then deserialized.
/// </summary>
public static class UpstreamAnswer
{
    /// <summary>A service's own words are shown to admins: long enough for a reason, too short for a dump.</summary>
    public const int MaxMessageLength = 200;

    /// <summary>The payload of a successful answer; an <see cref="UpstreamException"/> when the service reported a failure.</summary>
    public static T Read<T>(ReadOnlySpan<byte> body, UpstreamService service, JsonSerializerOptions options)
    {
        var shape = Scan(body);
        if (shape.Success is null)
        {
            return JsonSerializer.Deserialize<T>(body, options) ?? throw new UpstreamException(service, "it answered with an empty body");
        }
        if (shape.Success == false)
        {
            throw new UpstreamException(service, shape.Error is null ? "it reported a failure without saying why" : $"it reported: {shape.Error}");
        }
        var data = shape.Data is { } range ? body[range] : default;
        if (data.IsEmpty || data.SequenceEqual("null"u8))
        {
            throw new UpstreamException(service, "it reported success but sent no data");
        }
        return JsonSerializer.Deserialize<T>(data, options) ?? throw new UpstreamException(service, "it reported success but sent no data");
    }

    /// <summary>The <c>error</c> of a failed answer (any status), or null when the body is not in the envelope's failure shape.</summary>
    public static string? FailureMessage(ReadOnlySpan<byte> body)
    {
        try
        {
            var shape = Scan(body);
            return shape.Success == false ? shape.Error : null;
        }
        catch (JsonException)
        {
            // An error page in HTML or plain text: the status code says enough.
            return null;
        }
    }

    private readonly record struct Shape(bool? Success, Range? Data, string? Error);

    private static Shape Scan(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return default;
        bool? success = null;
        Range? data = null;
        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("success"u8) ? 's' : reader.ValueTextEquals("data"u8) ? 'd' : reader.ValueTextEquals("error"u8) ? 'e' : '-';
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            switch (name)
            {
                case 's' when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                    success = reader.GetBoolean();
                    break;
                case 'e' when reader.TokenType == JsonTokenType.String:
                    error = Shorten(reader.GetString()!);
                    break;
                case 'd':
                    reader.Skip();
                    data = start..(int)reader.BytesConsumed;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new Shape(success, data, error);
    }

    private static string Shorten(string message)
    {
        var trimmed = message.Trim();
        return trimmed.Length <= MaxMessageLength ? trimmed : string.Concat(trimmed.AsSpan(0, MaxMessageLength - 1), "…");
    }
}
