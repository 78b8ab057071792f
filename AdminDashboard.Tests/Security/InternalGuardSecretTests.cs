using System.Diagnostics;
using HospitalServices.Guard;

namespace AdminDashboard.Tests.Security;

public sealed class InternalGuardSecretTests
{
    private const string Current = "current-gateway-secret-0123456789abcdef";
    private const string Previous = "previous-gateway-secret-0123456789abcde";

    [Fact]
    public void During_a_rotation_both_secrets_are_accepted_and_after_it_the_old_one_is_refused()
    {
        var rotating = new InternalRequestGuard(Current, Previous);
        var rotated = new InternalRequestGuard(Current);

        Assert.True(rotating.IsAllowed("true", Current));
        Assert.True(rotating.IsAllowed("true", Previous));
        Assert.True(rotated.IsAllowed("true", Current));
        Assert.False(rotated.IsAllowed("true", Previous));
    }

    [Theory]
    [InlineData("", Current)]                 // no internal header
    [InlineData("true", "")]                  // no secret
    [InlineData("true", "wrong")]             // wrong and short
    [InlineData("true", Current + "x")]       // right prefix, wrong length
    [InlineData("true", "CURRENT-GATEWAY-SECRET-0123456789ABCDEF")]
    public void Anything_but_the_header_and_an_exact_secret_is_refused(string header, string secret) =>
        Assert.False(new InternalRequestGuard(Current, Previous).IsAllowed(header, secret));

    [Fact]
    public void A_wrong_secret_takes_as_long_whether_it_shares_no_leading_characters_or_all_but_one()
    {
        var guard = new InternalRequestGuard(Current);
        var noneMatch = "X" + new string('y', Current.Length - 1);
        var allButLast = Current[..^1] + "#";
        const int Rounds = 31, Calls = 3000;
        var none = new double[Rounds];
        var most = new double[Rounds];
        for (var i = 0; i < 2000; i++) { guard.IsAllowed("true", noneMatch); guard.IsAllowed("true", allButLast); }

        // Interleaved rounds, so drift in machine load hits both sides alike.
        for (var r = 0; r < Rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Calls; i++) guard.IsAllowed("true", noneMatch);
            none[r] = watch.Elapsed.TotalNanoseconds / Calls;
            watch.Restart();
            for (var i = 0; i < Calls; i++) guard.IsAllowed("true", allButLast);
            most[r] = watch.Elapsed.TotalNanoseconds / Calls;
        }

        var ratio = Median(most) / Median(none);
        Console.WriteLine($"Guard check: no leading match {Median(none):0} ns, all but last {Median(most):0} ns, ratio {ratio:0.000}");
        // A naive comparison would be many times slower for the near miss; hashing first makes both the same work.
        Assert.InRange(ratio, 0.75, 1.33);
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
