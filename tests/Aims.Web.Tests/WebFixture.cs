using System.Net.Http.Json;
using System.Text.Json;
using Aims.Testing;
using Aims.Web;

namespace Aims.Web.Tests;

/// <summary>The app in process on a fresh database of one provider, demo seeded; shared by the tests of a class.</summary>
public abstract class WebFixture(Provider provider) : IAsyncLifetime
{
    public Provider Provider => provider;

    public AimsFactory Factory { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Factory = new AimsFactory(Database);
        _ = Factory.Server; // starts the host: migrations, catalog, demo
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    private readonly Dictionary<string, string> _tokens = [];

    /// <summary>An API client acting as a demo person (cached per person and organization).</summary>
    public async Task<HttpClient> ClientAsync(string email, string org = "demo")
    {
        var key = email + "|" + org;
        if (!_tokens.TryGetValue(key, out var token))
        {
            token = await Factory.TokenAsync(email, org, email == "admin@example.org" || (email == "aims.lead@example.org" && org == "sandbox") ? Domain.People.Scope.Admin : null);
            _tokens[key] = token;
        }

        return Factory.ApiClient(token);
    }
}

public sealed class SqliteFixture() : WebFixture(Provider.Sqlite);

public sealed class PostgresFixture() : WebFixture(Provider.Postgres);

public static class Json
{
    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem-details answer with the status and an "errors" entry for the field.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
                $"problem should name the field '{field}': {body}");
        }

        return problem;
    }

    public static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object value) =>
        client.PostAsJsonAsync(url, value, ApiJson.Options);
}
