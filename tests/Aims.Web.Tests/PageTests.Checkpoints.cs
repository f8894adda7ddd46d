using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Tests;

/// <summary>The auditor page: an external auditor (read only) opens it and downloads the key, but cannot sign; an administrator signs.</summary>
public abstract partial class PageTests
{
    private async Task<int> CheckpointCountAsync() =>
        await fixture.Factory.InOrganizationAsync("demo", (db, _) => db.LedgerEvents.CountAsync(e => e.EntityType == Domain.Ledger.LedgerCheckpoint.EntityType));

    private static async Task<HttpResponseMessage> SignCheckpointAsync(HttpClient browser) =>
        await browser.PostAsync("/ledger/auditor", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "ledger-checkpoint", ["__RequestVerificationToken"] = await AntiforgeryAsync(browser, "/account/password"),
            ["kind"] = "checkpoint",
        }));

    [Fact]
    public async Task An_external_auditor_opens_the_auditor_page_and_downloads_the_key_but_cannot_sign()
    {
        var admin = await fixture.ClientAsync("admin@example.org");
        var email = $"audi{Guid.NewGuid():N}"[..12] + "@example.org";
        var added = await (await admin.PostJsonAsync("/api/v1/people", new { email, displayName = "Auditor", role = "external-auditor" })).ReadAsync();
        var initial = added.GetProperty("initialPassword").GetString()!;
        var browser = await SignedInAsync(email, initial);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangePasswordAsync(browser, initial, "Auditor-Chosen-Passw0rd")).StatusCode);

        var keyId = (await (await admin.GetAsync("/api/v1/ledger/key")).ReadAsync()).GetProperty("keyId").GetString()!;
        var page = await browser.GetStringAsync("/ledger/auditor");
        Assert.Contains("Verify the ledger yourself", page, StringComparison.Ordinal);
        Assert.Contains(keyId, page, StringComparison.Ordinal);
        Assert.Contains("aims verify --file ledger.jsonl --key ledger-key.pem", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign a checkpoint now", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Rotate the organization", page, StringComparison.Ordinal);
        var pem = await browser.GetAsync("/ledger/key.pem");
        Assert.Equal(HttpStatusCode.OK, pem.StatusCode);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", await pem.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var before = await CheckpointCountAsync();
        var refused = await SignCheckpointAsync(browser);
        // The form is not on a reader's page, so a post naming it is refused before any code runs.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await CheckpointCountAsync());

        var signed = await SignCheckpointAsync(await SignedInAsync("admin@example.org"));
        Assert.Contains("made=checkpoint", signed.Headers.Location?.OriginalString ?? await signed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await CheckpointCountAsync());
    }
}
