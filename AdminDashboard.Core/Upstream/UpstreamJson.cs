using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdminDashboard.Core.Upstream;

/// <summary>JSON as the services and the dashboard's API speak it: camelCase, enums as camelCase strings.</summary>
public static class UpstreamJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
