using System.Text.RegularExpressions;

namespace AdminDashboard.Tests.Architecture;

/// <summary>One dependency of a namespace on another, and where the source says so.</summary>
public sealed record NamespaceEdge(string From, string To, string File, int Line);

/// <summary>
/// The dependencies between the namespaces of a set of C# files, read from their text: <c>using</c> directives
/// (plain, static, aliased, global), fully qualified names (<c>AdminDashboard.Core.Health.X</c>) and names qualified
/// from a parent namespace (<c>Health.X</c> written inside <c>AdminDashboard.Core.Aggregation</c>). Only namespaces
/// that the files themselves declare count; the framework's and other projects' are left out.
/// </summary>
public sealed partial class NamespaceGraph
{
    public IReadOnlySet<string> Namespaces { get; }

    public IReadOnlyList<NamespaceEdge> Edges { get; }

    private NamespaceGraph(IReadOnlySet<string> namespaces, IReadOnlyList<NamespaceEdge> edges) =>
        (Namespaces, Edges) = (namespaces, edges);

    public static NamespaceGraph FromDirectory(string root)
    {
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllText(f)));
        return FromSources(files);
    }

    /// <param name="sources">Each file's name (for the messages) and text.</param>
    public static NamespaceGraph FromSources(IEnumerable<(string File, string Text)> sources)
    {
        var files = sources.Select(s => (s.File, Lines: s.Text.Split('\n'), Namespace: DeclaredNamespace(s.Text))).ToList();
        var namespaces = files.Where(f => f.Namespace is not null).Select(f => f.Namespace!).ToHashSet(StringComparer.Ordinal);
        var edges = new List<NamespaceEdge>();
        foreach (var (file, lines, from) in files)
        {
            if (from is null) continue;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (var target in Targets(line, from, namespaces))
                {
                    if (target != from) edges.Add(new NamespaceEdge(from, target, file, i + 1));
                }
            }
        }
        return new NamespaceGraph(namespaces, edges);
    }

    /// <summary>Every circle, each as the namespaces along it with the first repeated at the end; none when the graph is one way.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var next = Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // A circle is reported once, from its smallest namespace, so each shows up exactly one time.
        foreach (var start in Namespaces.Order(StringComparer.Ordinal))
        {
            var path = new List<string> { start };
            Walk(start);

            void Walk(string at)
            {
                foreach (var to in next.GetValueOrDefault(at) ?? [])
                {
                    if (to == start)
                    {
                        var cycle = path.Append(start).ToList();
                        if (seen.Add(string.Join(">", cycle))) cycles.Add(cycle);
                    }
                    else if (string.CompareOrdinal(to, start) > 0 && !path.Contains(to))
                    {
                        path.Add(to);
                        Walk(to);
                        path.RemoveAt(path.Count - 1);
                    }
                }
            }
        }
        return cycles;
    }

    /// <summary>A circle in words, with the file and line behind each step: what a reader needs to cut it.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join(" → ", cycle) + Environment.NewLine + string.Join(Environment.NewLine, cycle.Zip(cycle.Skip(1)).Select(step =>
        {
            var where = Edges.Where(e => e.From == step.First && e.To == step.Second).Select(e => $"{e.File}:{e.Line}");
            return $"  {step.First} → {step.Second}: {string.Join(", ", where)}";
        }));

    private static string? DeclaredNamespace(string text) =>
        NamespaceDeclaration().Match(text) is { Success: true } m ? m.Groups["name"].Value : null;

    private static IEnumerable<string> Targets(string line, string from, IReadOnlySet<string> namespaces)
    {
        if (UsingDirective().Match(line) is { Success: true } u)
        {
            if (Longest(u.Groups["name"].Value, namespaces) is { } used) yield return used;
            yield break;
        }
        foreach (Match q in QualifiedName().Matches(line))
        {
            // Read as the compiler would: from the file's own namespace outwards, then as written (fully qualified).
            // A scope counts only if the name's first segment is a namespace there; else it is a type, not a dependency.
            var name = q.Groups["name"].Value;
            foreach (var scope in Enclosing(from).Prepend(from).Append(""))
            {
                var qualified = scope.Length == 0 ? name : $"{scope}.{name}";
                if (Longest(qualified, namespaces) is { } target && target.Length > scope.Length)
                {
                    yield return target;
                    break;
                }
            }
        }
    }

    private static IEnumerable<string> Enclosing(string ns)
    {
        for (var dot = ns.LastIndexOf('.'); dot > 0; dot = ns.LastIndexOf('.', dot - 1))
            yield return ns[..dot];
    }

    /// <summary>The longest declared namespace that <paramref name="name"/> is or starts with (a type's name may follow).</summary>
    private static string? Longest(string name, IReadOnlySet<string> namespaces) =>
        namespaces.Where(n => name == n || name.StartsWith(n + ".", StringComparison.Ordinal)).MaxBy(n => n.Length);

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(?<name>[\w.]+)\s*;")]
    private static partial Regex UsingDirective();

    /// <summary>A dotted name not reached through a member access (<c>x.Health.Y</c> is a property, not a namespace).</summary>
    [GeneratedRegex(@"(?<![\w.])(?<name>[A-Z]\w*(\.[A-Z]\w*)+)")]
    private static partial Regex QualifiedName();
}
