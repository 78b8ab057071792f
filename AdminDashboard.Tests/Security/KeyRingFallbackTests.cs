using System.Xml.Linq;
using AdminDashboard.Auth;
using AdminDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminDashboard.Tests.Security;

/// <summary>The shared key ring degrades to the instance while Redis is unreachable, and catches up when it is back.</summary>
public sealed class KeyRingFallbackTests
{
    /// <summary>A shared store that can be switched off, as Redis can go away.</summary>
    private sealed class SwitchableStore : IXmlRepository
    {
        public List<XElement> Elements { get; } = [];
        public bool Down { get; set; }

        public IReadOnlyCollection<XElement> GetAllElements() => Down ? throw new TimeoutException("Redis is down") : Elements.ToList();

        public void StoreElement(XElement element, string friendlyName)
        {
            if (Down) throw new TimeoutException("Redis is down");
            Elements.Add(element);
        }
    }

    private static XElement Key(string id) => new("key", new XAttribute("id", id));

    private static IEnumerable<string?> Ids(IEnumerable<XElement> elements) => elements.Select(e => e.Attribute("id")?.Value);

    [Fact]
    public void While_the_shared_store_is_down_the_key_ring_last_read_is_still_served()
    {
        var store = new SwitchableStore();
        store.Elements.Add(Key("a"));
        var repository = new FallbackXmlRepository(store, NullLogger.Instance);
        Assert.Equal(["a"], Ids(repository.GetAllElements()));

        store.Down = true;

        Assert.Equal(["a"], Ids(repository.GetAllElements()));
    }

    [Fact]
    public void A_key_made_while_the_shared_store_is_down_is_kept_here_and_written_there_when_it_is_back()
    {
        var store = new SwitchableStore { Down = true };
        var repository = new FallbackXmlRepository(store, NullLogger.Instance);

        repository.StoreElement(Key("made-in-outage"), "made-in-outage");
        Assert.Equal(["made-in-outage"], Ids(repository.GetAllElements()));
        Assert.Empty(store.Elements);

        store.Down = false;
        store.Elements.Add(Key("from-another-instance"));

        Assert.Equal(["from-another-instance", "made-in-outage"], Ids(repository.GetAllElements()).Order());
        Assert.Equal(["from-another-instance", "made-in-outage"], Ids(store.Elements).Order());
    }

    [Fact]
    public async Task With_redis_unreachable_an_instance_still_signs_in()
    {
        // Port 1: nothing listens there, so every Redis call fails as in an outage.
        await using var app = new DashboardAppFactory { Settings = { ["Cache:Provider"] = "Redis", ["ConnectionStrings:Redis"] = "127.0.0.1:1" } };

        using var response = await DevelopmentSignInForm.PostAsync(app);

        Assert.True(DevelopmentSignInForm.IsSignedIn(response), $"{response.StatusCode}");
    }
}
