using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using System.Text;
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
    public void The_guard_keeps_only_sha256_digests_of_its_secrets()
    {
        var guard = new InternalRequestGuard(Current, Previous);
        var fields = typeof(InternalRequestGuard).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        Assert.DoesNotContain(fields, f => f.FieldType == typeof(string));
        var digests = fields.Select(f => f.GetValue(guard)).OfType<byte[]>().ToList();
        string[] expected = [Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Current))), Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Previous)))];
        Assert.Equal(expected.Order(), digests.Select(Convert.ToHexString).Order());
    }

    /// <summary>
    /// Constant time is a property of the construction, not of a stopwatch band (a plain <c>==</c> on short strings passes
    /// a timing band too): the presented secret is hashed with SHA-256, and the digests are compared with
    /// <see cref="CryptographicOperations.FixedTimeEquals"/> against both the current and the previous secret, always
    /// (so which one matched does not show either), with no early-exit comparison anywhere in the check.
    /// </summary>
    [Fact]
    public void The_check_hashes_the_presented_secret_and_compares_digests_only_with_FixedTimeEquals_against_both_secrets()
    {
        var check = typeof(InternalRequestGuard).GetMethod(nameof(InternalRequestGuard.IsAllowed), [typeof(string), typeof(string)])!;
        var calls = CalledMethods(check);

        Assert.Single(calls, m => m.DeclaringType == typeof(SHA256) && m.Name == nameof(SHA256.HashData));
        Assert.Equal(2, calls.Count(m => m.DeclaringType == typeof(CryptographicOperations) && m.Name == nameof(CryptographicOperations.FixedTimeEquals)));
        Assert.DoesNotContain(calls, m => m.Name is "SequenceEqual" or "SequenceCompareTo" or "CompareOrdinal" or "Compare" or "StartsWith");
        // The one text comparison is of the X-Internal-Request header's value ("true"), which is no secret.
        Assert.Single(calls, m => m.DeclaringType == typeof(string) && m.Name is "Equals" or "op_Equality");
    }

    /// <summary>The methods a method body calls, read from its IL.</summary>
    private static List<MethodBase> CalledMethods(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var calls = new List<MethodBase>();
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? TwoByteOpCodes[il[at + 1]] : OneByteOpCodes[il[at]];
            at += code.Size;
            if (code.FlowControl == FlowControl.Call && code.OperandType == OperandType.InlineMethod)
                calls.Add(method.Module.ResolveMethod(BitConverter.ToInt32(il, at))!);
            at += OperandSize(code.OperandType, il, at);
        }
        return calls;
    }

    private static readonly OpCode[] OneByteOpCodes = new OpCode[0x100];
    private static readonly OpCode[] TwoByteOpCodes = new OpCode[0x100];

    static InternalGuardSecretTests()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            if (code.Size == 1) OneByteOpCodes[(ushort)code.Value] = code;
            else TwoByteOpCodes[(ushort)code.Value & 0xFF] = code;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
