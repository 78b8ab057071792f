using System.Text.Json;

namespace AdminDashboard.Core.Caching;

/// <summary>
/// A cached answer as it is kept in process: the envelope's UTF-8 JSON exactly as Redis holds it, and the object
/// read from it once, for the Blazor pages. A hit answers the API from <see cref="Json"/> (see <see cref="JsonSplice"/>);
/// nothing is parsed or serialized per request.
/// </summary>
public sealed class CacheEntry
{
    private volatile bool _stale;
    private JsonSplice? _splice;

    public CacheEntry(byte[] json, object value, DateTimeOffset admittedAt, DateTimeOffset expiresAt)
    {
        Json = json;
        Value = value;
        AdmittedAt = admittedAt;
        ExpiresAt = expiresAt;
    }

    public byte[] Json { get; }

    public object Value { get; }

    public DateTimeOffset AdmittedAt { get; }

    /// <summary>When the Redis entry it came from (or was written to) expires: the first level never outlives it.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>It follows a Redis entry (or the only level of embedded mode), not the in-process fallback of an outage.</summary>
    public bool Shared { get; init; } = true;

    /// <summary>An event touched it: still served, while a background refresh replaces it.</summary>
    public bool IsStale => _stale;

    internal void MarkStale() => _stale = true;

    /// <summary>Where <c>data.responseTime</c> and <c>data.fromCache</c> sit in <see cref="Json"/>; found once per entry.</summary>
    public JsonSplice Splice => _splice ??= JsonSplice.Locate(Json);
}

/// <summary>
/// The envelope's bytes cut around the two values a hit changes, <c>data.responseTime</c> and <c>data.fromCache</c>
/// (the last two fields of <c>data</c>, as documented), so that an answer is three copies and two small writes.
/// </summary>
public sealed class JsonSplice
{
    public const string ResponseTime = "responseTime";
    public const string FromCache = "fromCache";
    private const string Data = "data";

    private JsonSplice(int responseTimeStart, int responseTimeEnd, int fromCacheStart, int fromCacheEnd)
    {
        ResponseTimeStart = responseTimeStart;
        ResponseTimeEnd = responseTimeEnd;
        FromCacheStart = fromCacheStart;
        FromCacheEnd = fromCacheEnd;
    }

    public int ResponseTimeStart { get; }
    public int ResponseTimeEnd { get; }
    public int FromCacheStart { get; }
    public int FromCacheEnd { get; }

    /// <summary>Finds the two values inside the top-level <c>data</c> object; throws when the envelope lacks them.</summary>
    public static JsonSplice Locate(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        int rtStart = -1, rtEnd = -1, fcStart = -1, fcEnd = -1;
        var inData = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1)
            {
                inData = reader.ValueTextEquals(Data);
                if (!inData) reader.Skip();
                continue;
            }
            if (!inData || reader.CurrentDepth != 2) continue;
            var isResponseTime = reader.ValueTextEquals(ResponseTime);
            var isFromCache = !isResponseTime && reader.ValueTextEquals(FromCache);
            reader.Read();
            if (isResponseTime) (rtStart, rtEnd) = ((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
            else if (isFromCache) (fcStart, fcEnd) = ((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
            else reader.Skip();
        }
        if (rtStart < 0 || fcStart < 0 || rtStart > fcStart)
            throw new InvalidOperationException($"The cached envelope has no data.{ResponseTime} before data.{FromCache}.");
        return new JsonSplice(rtStart, rtEnd, fcStart, fcEnd);
    }
}
