using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminDashboard.Tests.Infrastructure;

/// <summary>Bearer tokens shaped like the ones <c>dotnet user-jwts</c> makes (a <c>role</c> claim per role).</summary>
public static class TestTokens
{
    public const string Issuer = "blazoradmin-tests";
    public const string Audience = "http://localhost:8080";
    public static SymmetricSecurityKey SigningKey { get; } = new(Encoding.UTF8.GetBytes("test-signing-key-that-is-long-enough-for-hs256!"));

    public static string Create(params string[] roles) => CreateFor("test-user", roles);

    public static string CreateFor(string user, params string[] roles)
    {
        var claims = new List<Claim> { new("sub", user), new("unique_name", user) };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public static string Admin() => Create("Admin");
}
