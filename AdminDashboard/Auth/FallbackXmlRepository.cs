using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AdminDashboard.Auth;

/// <summary>
/// The shared key ring (Redis), degraded to this process while it cannot be reached: sign-in keeps working on this
/// instance instead of answering 500. It serves the key ring last read from the shared store plus keys made during
/// the outage, and writes those to the shared store at its next successful read or write, after which the other
/// instances find them (an instance handed a cookie under a key it does not know reads the key ring again).
/// Cookies issued under such a key are valid on the other instances only from then on.
/// </summary>
internal sealed class FallbackXmlRepository(IXmlRepository shared, ILogger logger) : IXmlRepository
{
    private readonly Lock _lock = new();
    private readonly List<(XElement Element, string FriendlyName)> _pending = [];
    private List<XElement> _lastShared = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            try
            {
                Flush();
                _lastShared = shared.GetAllElements().ToList();
                return _lastShared.AsReadOnly();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The shared Data Protection key ring is unreachable; using the {Known} keys this instance knows", _lastShared.Count + _pending.Count);
                return [.. _lastShared, .. _pending.Select(p => p.Element)];
            }
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            try
            {
                Flush();
                shared.StoreElement(element, friendlyName);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The shared Data Protection key ring is unreachable; key {Key} is kept in this instance until it is back", friendlyName);
                _pending.Add((element, friendlyName));
            }
        }
    }

    private void Flush()
    {
        while (_pending.Count > 0)
        {
            shared.StoreElement(_pending[0].Element, _pending[0].FriendlyName);
            _pending.RemoveAt(0);
        }
    }
}
