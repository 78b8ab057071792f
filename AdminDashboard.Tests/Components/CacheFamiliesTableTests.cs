using AdminDashboard.Components.Health;
using AdminDashboard.Core.Caching;
using Bunit;

namespace AdminDashboard.Tests.Components;

public sealed class CacheFamiliesTableTests : MudBunitContext
{
    private static CacheFamilyLookups Family(string name, long hits, long misses, long refreshes = 0)
    {
        var family = CacheFamilies.Of(name);
        var rate = CacheLookupTally.HitRate(hits, misses);
        return new CacheFamilyLookups(name, hits, misses, refreshes, 0, rate, family.TargetMin, family.TargetMax, family.Judge(rate));
    }

    private IRenderedComponent<CacheFamiliesTable> RenderTable() => Render<CacheFamiliesTable>(p => p.Add(c => c.Families,
    [
        Family(CacheFamilies.Stats, 170, 30, refreshes: 4),
        Family(CacheFamilies.Patients, 90, 10),
        Family(CacheFamilies.Doctors, 99, 1),
        Family(CacheFamilies.Appointments, 60, 40),
        Family(CacheFamilies.System, 0, 0),
    ]));

    private static string Cell(IRenderedComponent<CacheFamiliesTable> table, string family, string cell) =>
        table.Find($"tr[data-family='{family}'] [data-testid={cell}]").TextContent.Trim();

    [Theory]
    [InlineData("admin:stats", "170", "30", "85.0%", "80-90%", "within the target")]
    [InlineData("admin:patients", "90", "10", "90.0%", "95-98%", "below the target")]
    [InlineData("admin:doctors", "99", "1", "99.0%", "90-95%", "above the target")]
    [InlineData("admin:appointments", "60", "40", "60.0%", "none", "no target")]
    [InlineData("admin:system", "0", "0", "--", "70-80%", "no lookups yet")]
    public void Each_family_shows_its_counts_rate_and_the_seeds_target_with_the_verdict_in_words(
        string family, string hits, string misses, string rate, string target, string verdict)
    {
        var table = RenderTable();

        Assert.Equal(hits, Cell(table, family, "family-hits"));
        Assert.Equal(misses, Cell(table, family, "family-misses"));
        Assert.Equal(rate, Cell(table, family, "family-hit-rate"));
        Assert.Equal(target, Cell(table, family, "family-target"));
        Assert.Equal(verdict, Cell(table, family, "family-verdict"));
    }

    [Fact]
    public void The_table_lists_the_families_in_the_reports_order_and_says_what_is_left_out_of_the_rate()
    {
        var table = RenderTable();

        Assert.Equal(["admin:stats", "admin:patients", "admin:doctors", "admin:appointments", "admin:system"],
            table.FindAll("tr[data-family]").Select(r => r.GetAttribute("data-family")));
        Assert.Contains("not counted (4 so far)", table.Find("[data-testid=cache-families-note]").TextContent);
    }
}
