using System.Net;
using System.Text.RegularExpressions;
using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Operations;

/// <summary>
/// What a first load downloads before the page can paint: every stylesheet and script the page links goes out
/// compressed. MudBlazor's stylesheet, linked by its fingerprinted URL, once went out as 627 KB of plain CSS.
/// </summary>
[Collection(DashboardAppCollection.Name)]
public sealed partial class StaticAssetTests(DashboardAppFactory app)
{
    [GeneratedRegex("""<(?:link rel="stylesheet"|script) (?:href|src)="(?<url>[^"]+\.(?:css|js))""")]
    private static partial Regex LinkedAsset();

    [Fact]
    public async Task Every_stylesheet_and_script_the_page_links_goes_out_compressed()
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.ServerUrl };
        app.StartServer();
        var page = await client.GetStringAsync("/account/login");
        var assets = LinkedAsset().Matches(page).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => a.Contains("MudBlazor.min") && a.EndsWith(".css"));
        Assert.Contains(assets, a => a.Contains("blazor.web"));

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var size = (await response.Content.ReadAsByteArrayAsync()).Length;
            // A few hundred bytes gain nothing from compression, and the build does not compress them.
            if (size < 1024 && response.Content.Headers.ContentEncoding.Count == 0) continue;
            Assert.True(response.Content.Headers.ContentEncoding.Count > 0, $"{asset} went out uncompressed ({size:N0} bytes)");
        }
    }
}
