using Microsoft.AspNetCore.Http;

namespace HospitalServices.Faults;

/// <summary>
/// Wraps a service's data endpoints and makes them fail, hang or lag as the switch says.
/// A decorator: the endpoints themselves know nothing of faults.
/// </summary>
public sealed class FaultInjectionFilter(FaultSwitch faults) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = faults.Current;
        var aborted = context.HttpContext.RequestAborted;
        switch (settings.Mode)
        {
            case FaultMode.Error:
                return Results.Problem(statusCode: StatusCodes.Status500InternalServerError,
                    title: "Injected fault", detail: "The service was told to fail (fault mode 'error').");
            case FaultMode.Hang:
                // Hangs until the caller gives up; a delay, if given, bounds it.
                await Task.Delay(settings.DelayMs > 0 ? settings.DelayMs : Timeout.Infinite, aborted);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Injected hang ended");
            case FaultMode.Slow:
                await Task.Delay(settings.DelayMs, aborted);
                break;
        }
        return await next(context);
    }
}
