using AdminDashboard.Tests.Infrastructure;

namespace AdminDashboard.Tests.Architecture;

/// <summary>
/// AdminDashboard.Core depends one way: Diagnostics ← Upstream ← Caching ← Aggregation ← (Stats, Charts) ← Health,
/// and Events.Contracts ← Live ← Events. .NET forbids circles between projects but not between namespaces, so
/// this reads the source and fails on the first circle a change brings back, naming the lines that close it.
/// </summary>
public sealed class OneWayCoreTests
{
    private const string Core = "AdminDashboard.Core";

    private static NamespaceGraph CoreGraph() => NamespaceGraph.FromDirectory(Path.Combine(RepoPaths.Root, Core));

    [Fact]
    public void Core_namespaces_have_no_circle()
    {
        var graph = CoreGraph();

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0,
            $"{cycles.Count} circle(s) between the namespaces of {Core}:{Environment.NewLine}" + string.Join(Environment.NewLine, cycles.Select(graph.Describe)));
    }

    [Fact]
    public void The_graph_reads_the_core_areas_and_their_ties()
    {
        var graph = CoreGraph();

        // Guards the test above against passing because it read nothing.
        foreach (var area in new[] { "Diagnostics", "Upstream", "Caching", "Aggregation", "Stats", "Charts", "Health", "Events", "Events.Contracts", "Live" })
            Assert.Contains($"{Core}.{area}", graph.Namespaces);
        Assert.Contains(graph.Edges, e => e is { From: $"{Core}.Caching", To: $"{Core}.Diagnostics" });
        Assert.Contains(graph.Edges, e => e is { From: $"{Core}.Live", To: $"{Core}.Events.Contracts" });
    }

    [Fact]
    public void Diagnostics_depends_on_no_area()
    {
        var outgoing = CoreGraph().Edges.Where(e => e.From == $"{Core}.Diagnostics").ToList();

        Assert.True(outgoing.Count == 0, "Diagnostics must depend on nothing, so every area can record into it: " +
            string.Join(", ", outgoing.Select(e => $"{e.To} at {e.File}:{e.Line}")));
    }

    [Fact]
    public void Caching_and_events_do_not_reach_up_into_aggregation()
    {
        var upward = CoreGraph().Edges
            .Where(e => e.From is $"{Core}.Caching" or $"{Core}.Events" or $"{Core}.Events.Contracts" && e.To == $"{Core}.Aggregation")
            .ToList();

        Assert.True(upward.Count == 0, string.Join(", ", upward.Select(e => $"{e.From} → {e.To} at {e.File}:{e.Line}")));
    }

    [Fact]
    public void A_circle_through_using_directives_is_named_with_its_lines()
    {
        var graph = NamespaceGraph.FromSources([
            ("A/One.cs", "using Shop.B;\n\nnamespace Shop.A;\n\npublic class One { Two? two; }\n"),
            ("B/Two.cs", "using System;\nusing Shop.A;\n\nnamespace Shop.B;\n\npublic class Two { One? one; }\n"),
            ("C/Three.cs", "using Shop.A;\n\nnamespace Shop.C;\n"),
        ]);

        var cycle = Assert.Single(graph.Cycles());

        Assert.Equal(["Shop.A", "Shop.B", "Shop.A"], cycle);
        var description = graph.Describe(cycle);
        Assert.StartsWith("Shop.A → Shop.B → Shop.A", description);
        Assert.Contains("Shop.A → Shop.B: A/One.cs:1", description);
        Assert.Contains("Shop.B → Shop.A: B/Two.cs:2", description);
    }

    [Fact]
    public void A_qualified_name_counts_as_a_dependency_whether_written_in_full_or_from_a_parent()
    {
        var graph = NamespaceGraph.FromSources([
            ("Ag/Fan.cs", "namespace App.Core.Aggregation;\n\npublic class Fan(Health.Tracker t, App.Core.Caching.Cache c) { }\n"),
            ("He/Tracker.cs", "using App.Core.Aggregation;\n\nnamespace App.Core.Health;\n\npublic class Tracker { }\n"),
            ("Ca/Cache.cs", "namespace App.Core.Caching;\n\n// App.Core.Health.Tracker in a comment is no dependency\npublic class Cache { int Size => this.Health.Count; }\n"),
        ]);

        Assert.Equal(
            ["App.Core.Aggregation → App.Core.Caching", "App.Core.Aggregation → App.Core.Health", "App.Core.Health → App.Core.Aggregation"],
            graph.Edges.Select(e => $"{e.From} → {e.To}").Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["App.Core.Aggregation", "App.Core.Health", "App.Core.Aggregation"], Assert.Single(graph.Cycles()));
    }
}
