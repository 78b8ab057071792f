using AdminDashboard.Core.Events.Contracts;

namespace AdminDashboard.Core.Live;

/// <summary>
/// The newest events a page lists, newest first, at most one per <see cref="HospitalEvent.EventId"/>. The page keys
/// its rows by that id, and two rows with one key throw in render and end the circuit; the pipeline's
/// de-duplication window is finite, so an id replayed after it has forgotten must still be refused here.
/// Not thread-safe: a page touches it on its own render thread.
/// </summary>
public sealed class RecentEvents(int capacity)
{
    private readonly List<HospitalEvent> _items = [];

    public IReadOnlyList<HospitalEvent> Items => _items;

    public int Count => _items.Count;

    /// <summary>Puts the event first; false (and nothing changes) when an event with its id is already listed.</summary>
    public bool TryAdd(HospitalEvent hospitalEvent)
    {
        if (_items.Exists(e => e.EventId == hospitalEvent.EventId)) return false;
        _items.Insert(0, hospitalEvent);
        if (_items.Count > capacity) _items.RemoveAt(_items.Count - 1);
        return true;
    }
}
