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

    /// <summary>
    /// A sandbox AI system whose reference the demo organization does not have, so that naming it from the demo can
    /// only fail because it belongs to another organization (references are numbered per organization).
    /// </summary>
    public static async Task<string> ForeignSystemAsync(WebFixture fixture)
    {
        var demo = await fixture.ClientAsync("aims.lead@example.org");
        var sandbox = await fixture.ClientAsync("admin@example.org", "sandbox");
        var demoReferences = (await (await demo.GetAsync("/api/v1/ai-systems?pageSize=200")).ReadAsync()).GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("reference").GetString()).ToHashSet();
        for (var i = 0; i < 300; i++)
        {
            var created = await (await sandbox.PostAsync("/api/v1/ai-systems", Body("""{"name":"Sandbox system","stage":"deployment","sourcing":"in-house","autonomy":"recommendation","oversight":"human-in-the-loop"}"""))).ReadAsync();
            var reference = created.GetProperty("reference").GetString()!;
            if (!demoReferences.Contains(reference))
            {
                return reference;
            }
        }

        throw new InvalidOperationException("The sandbox never got a reference the demo does not have.");
    }

    public static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object value) =>
        client.PostAsJsonAsync(url, value, ApiJson.Options);
}
