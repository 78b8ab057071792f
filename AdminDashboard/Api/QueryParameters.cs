using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdminDashboard.Api;

/// <summary>
/// A query parameter of the API, defined once: the handler reads it through <see cref="QueryReader"/> and the OpenAPI
/// document describes it from the same definition, so the range a client sees is the range the server checks.
/// The framework's own binding is not used for these: a value it cannot parse (<c>days=abc</c>) would be refused
/// before our checks, with a 400 that names nothing.
/// </summary>
public abstract record QueryParameter(string Name, string Description)
{
    public abstract IOpenApiSchema Schema();
}

/// <summary>A whole number in [<paramref name="Min"/>, <paramref name="Max"/>]; absent or empty means the default.</summary>
public sealed record IntegerQuery(string Name, int Min, int Max, int Default, string Description) : QueryParameter(Name, Description)
{
    public string Rule => $"{Name} must be a whole number from {Min} to {Max}.";

    public override IOpenApiSchema Schema() => new OpenApiSchema
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = Min.ToString(CultureInfo.InvariantCulture),
        Maximum = Max.ToString(CultureInfo.InvariantCulture),
        Default = JsonValue.Create(Default),
    };
}

/// <summary>One of a fixed set of words; absent or empty means the default.</summary>
public sealed record ChoiceQuery(string Name, IReadOnlyList<string> Choices, string Default, string Description) : QueryParameter(Name, Description)
{
    public string Rule => $"{Name} must be one of: {string.Join(", ", Choices)}.";

    public override IOpenApiSchema Schema() => new OpenApiSchema
    {
        Type = JsonSchemaType.String,
        Enum = Choices.Select(c => (JsonNode)JsonValue.Create(c)).ToList(),
        Default = JsonValue.Create(Default),
    };
}

/// <summary>
/// Reads the query parameters of one request and collects every bad value, so one 400 names all the fields at fault.
/// </summary>
public sealed class QueryReader(IQueryCollection query)
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public int Read(IntegerQuery parameter)
    {
        var text = query[parameter.Name].ToString();
        if (text.Length == 0) return parameter.Default;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= parameter.Min && value <= parameter.Max)
            return value;
        _errors[parameter.Name] = [parameter.Rule];
        return parameter.Default;
    }

    public string Read(ChoiceQuery parameter)
    {
        var text = query[parameter.Name].ToString();
        if (text.Length == 0) return parameter.Default;
        if (parameter.Choices.Contains(text, StringComparer.Ordinal)) return text;
        _errors[parameter.Name] = [parameter.Rule];
        return parameter.Default;
    }

    /// <summary>400 problem details with <c>errors</c> keyed by parameter name, or null when every value was good.</summary>
    public IResult? Problem() => _errors.Count == 0
        ? null
        : Results.ValidationProblem(_errors, detail: $"Bad query parameter: {string.Join(", ", _errors.Keys)}.");
}

public static class QueryParameterOpenApi
{
    /// <summary>Documents the parameters the handler reads itself, from their one definition.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params QueryParameter[] parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var p in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = p.Name,
                    In = ParameterLocation.Query,
                    Required = false,
                    Description = p.Description,
                    Schema = p.Schema(),
                });
            }
            return Task.CompletedTask;
        });
}
