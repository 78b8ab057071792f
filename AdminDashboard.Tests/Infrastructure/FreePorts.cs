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

    /// <summary>The first of <paramref name="length"/> consecutive ports that are all free right now.</summary>
    public static int TakeRun(int length)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(start, length).All(IsFree)) return start;
        }
        throw new InvalidOperationException($"no run of {length} free ports found");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
