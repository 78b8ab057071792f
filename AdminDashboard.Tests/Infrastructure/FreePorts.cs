using System.Net;
using System.Net.Sockets;

namespace AdminDashboard.Tests.Infrastructure;

public static class FreePorts
{
    /// <summary>Ports the OS says are free right now, all distinct.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
