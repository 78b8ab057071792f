using AdminDashboard.Audit;
using AdminDashboard.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminDashboard.Tests.Components;

/// <summary>Every page an admin opens is on the audit trail, not only the dashboard: the circuit's first page and each navigation.</summary>
public sealed class PageViewAuditTests : MudBunitContext
{
    private readonly AuditLog _audit;

    public PageViewAuditTests()
    {
        _audit = new AuditLog(new AuditLogWriter(NullLoggerFactory.Instance), Time, new MemoryAuditSink());
        Services.AddSingleton(_audit);
    }

    /// <summary>As in a circuit: interactive (set after the services, which the renderer fixes).</summary>
    private IRenderedComponent<PageViewAudit> RenderInCircuit()
    {
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<PageViewAudit>();
    }

    private IReadOnlyList<AuditEntry> Views() => _audit.Recent(AuditLog.Kept).Where(e => e.Action == PageViewAudit.Action).Reverse().ToList();

    [Fact]
    public void The_first_page_and_each_page_navigated_to_are_recorded_with_who_and_from_where()
    {
        AddAuthorization().SetAuthorized("admin@hospital.example");
        RenderInCircuit();
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("/system");
        navigation.NavigateTo("/audit?page=2");
        navigation.NavigateTo("/about#version");

        var views = Views();
        Assert.Equal(["/", "/system", "/audit", "/about"], views.Select(v => v.Resource));
        Assert.All(views, v => Assert.Equal(("admin@hospital.example", PageViewAudit.From), (v.User, v.From)));
    }

    [Fact]
    public void Nobody_signed_in_records_nothing()
    {
        AddAuthorization().SetNotAuthorized();

        RenderInCircuit();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/system");

        Assert.Empty(Views());
    }

    [Fact]
    public void After_the_layout_is_gone_a_navigation_records_nothing()
    {
        AddAuthorization().SetAuthorized("admin@hospital.example");
        var layoutPart = RenderInCircuit();
        var navigation = Services.GetRequiredService<NavigationManager>();

        layoutPart.Instance.Dispose();
        navigation.NavigateTo("/system");

        Assert.Equal(["/"], Views().Select(v => v.Resource));
    }
}
