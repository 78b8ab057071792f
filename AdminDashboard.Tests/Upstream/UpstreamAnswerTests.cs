using System.Net;
using System.Text.Json;
using AdminDashboard.Core.Upstream;

namespace AdminDashboard.Tests.Upstream;

/// <summary>The typed clients read both answer shapes, and a reported failure never turns into zeros.</summary>
public sealed class UpstreamAnswerTests
{
    private const string Stats =
        """{"totalPatients":15234,"activePatients":7851,"inactivePatients":7383,"newToday":12,"newLast7Days":170,"newThisMonth":560,"averageAge":47.4,"asOf":"2026-11-25T10:00:00+00:00"}""";

    private static PatientsClient Client(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(new HttpClient(new StubHandler(status, body, mediaType)) { BaseAddress = new Uri("http://patients.test") });

    private static async Task<UpstreamException> FailureAsync(HttpStatusCode status, string body, string mediaType = "application/json") =>
        await Assert.ThrowsAsync<UpstreamException>(() => Client(status, body, mediaType).GetStatsAsync(CancellationToken.None));

    [Fact]
    public async Task A_bare_object_from_a_service_that_predates_the_envelope_is_read_as_it_is()
    {
        var stats = await Client(HttpStatusCode.OK, Stats).GetStatsAsync(CancellationToken.None);

        Assert.Equal(15234, stats.TotalPatients);
        Assert.Equal(12, stats.NewToday);
    }

    [Fact]
    public async Task The_envelope_is_unwrapped_whatever_the_order_of_its_fields()
    {
        var first = await Client(HttpStatusCode.OK, $$"""{"success":true,"data":{{Stats}}}""").GetStatsAsync(CancellationToken.None);
        var dataFirst = await Client(HttpStatusCode.OK, $$"""{"data":{{Stats}},"meta":{"success":false},"success":true}""").GetStatsAsync(CancellationToken.None);

        Assert.Equal(15234, first.TotalPatients);
        Assert.Equal(7851, first.ActivePatients);
        Assert.Equal(first, dataFirst);
    }

    [Fact]
    public async Task Success_false_with_200_is_an_error_carrying_the_services_message()
    {
        var e = await FailureAsync(HttpStatusCode.OK, """{"success":false,"error":"Patient database is offline"}""");

        Assert.Equal(UpstreamService.Patients, e.Service);
        Assert.Equal("it reported: Patient database is offline", e.Message);
    }

    [Fact]
    public async Task Success_false_with_500_keeps_the_status_and_the_services_message()
    {
        var e = await FailureAsync(HttpStatusCode.InternalServerError, """{"success":false,"error":"Patient database is offline"}""");

        Assert.Equal(500, e.StatusCode);
        Assert.Equal("it reported an internal error (HTTP 500): Patient database is offline", e.Message);
    }

    [Fact]
    public async Task A_500_without_the_envelope_is_described_by_its_status_alone()
    {
        var e = await FailureAsync(HttpStatusCode.InternalServerError, "<html>Internal Server Error</html>", "text/html");

        Assert.Equal("it reported an internal error (HTTP 500)", e.Message);
    }

    [Theory]
    [InlineData("""{"success":true}""")]
    [InlineData("""{"success":true,"data":null}""")]
    public async Task Success_true_without_data_is_an_error_not_zeros(string body)
    {
        var e = await FailureAsync(HttpStatusCode.OK, body);

        Assert.Equal("it reported success but sent no data", e.Message);
    }

    [Fact]
    public async Task Success_false_without_a_message_still_fails()
    {
        var e = await FailureAsync(HttpStatusCode.OK, """{"success":false}""");

        Assert.Equal("it reported a failure without saying why", e.Message);
    }

    [Fact]
    public async Task A_long_message_is_shortened_before_it_reaches_an_admin()
    {
        var e = await FailureAsync(HttpStatusCode.OK, $$"""{"success":false,"error":"{{new string('x', 5000)}}"}""");

        Assert.Equal("it reported: ".Length + UpstreamAnswer.MaxMessageLength, e.Message.Length);
        Assert.EndsWith("…", e.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_json_error_for_the_aggregator_to_report()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => Client(HttpStatusCode.OK, """{"success":tru""").GetStatsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_chart_reads_unwrap_the_envelope_too()
    {
        var growth = await Client(HttpStatusCode.OK,
                """{"success":true,"data":{"days":2,"totalBefore":15231,"totalNow":15234,"daily":[{"date":"2026-11-24","registrations":1},{"date":"2026-11-25","registrations":2}],"asOf":"2026-11-25T10:00:00+00:00"}}""")
            .GetGrowthAsync(2, CancellationToken.None);

        Assert.Equal(15234, growth.TotalNow);
        Assert.Equal(2, growth.Daily.Count);
    }
}
