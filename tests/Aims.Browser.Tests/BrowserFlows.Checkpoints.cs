using System.Text.RegularExpressions;
using Aims.Domain.Ledger;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>
/// The auditor's flow: from the ledger to the page for auditors, sign a checkpoint, download the export and the
/// public key and check them as `aims verify --key` does; then a record's history from its page.
/// </summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task An_auditor_downloads_the_signed_export_and_key_and_a_record_shows_its_history()
    {
        await using var s = await SignedInAsync("checkpoints");
        await s.Nav.GetByRole(AriaRole.Link, new() { Name = "Ledger" }).ClickAsync();
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Signed checkpoints, public key and how to verify" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync("Verify the ledger yourself");
        var table = s.Page.GetByRole(AriaRole.Table, new() { NameRegex = new Regex("checkpoint\\(s\\), newest first$") });
        var before = await table.GetByRole(AriaRole.Row).CountAsync();
        Assert.True(before >= 3, "the demo should have signed checkpoints (a header row and at least two)");
        await s.CheckAsync("1-auditor-page");

        await s.Page.GetByRole(AriaRole.Button, new() { Name = "Sign a checkpoint now" }).ClickAsync();
        await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Checkpoint signed");
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(before + 1);
        await Expect(table.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Dana Admin");
        await s.CheckAsync("2-checkpoint-signed");

        using var temp = new TempDirectory();
        var exportLink = s.Page.GetByRole(AriaRole.Link, new() { Name = "The ledger export (JSON Lines)" });
        await Expect(exportLink).ToHaveAttributeAsync("data-enhance-nav", "false");
        var export = await s.Page.RunAndWaitForDownloadAsync(() => exportLink.ClickAsync());
        var exportFile = Path.Combine(temp.Path, "ledger.jsonl");
        await export.SaveAsAsync(exportFile);
        var key = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.GetByRole(AriaRole.Link, new() { Name = "The public key (PEM)" }).ClickAsync());
        var keyFile = Path.Combine(temp.Path, "ledger-key.pem");
        await key.SaveAsAsync(keyFile);

        using var publicKey = System.Security.Cryptography.ECDsa.Create();
        publicKey.ImportFromPem(await File.ReadAllTextAsync(keyFile));
        await using (var stream = File.OpenRead(exportFile))
        {
            var result = LedgerExportFormat.VerifyFile(stream, new ExportTrust(publicKey.ExportSubjectPublicKeyInfo()));
            Assert.True(result.Intact, result.Summary);
            Assert.Equal(before, result.Checkpoints); // the demo's and the one just signed
        }

        // A record's history, from the record's own page.
        await s.GoAsync("/inventory/ai-systems/SYS-1");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(new Regex("^History of ai-system SYS-1"));
        await Expect(s.Page.Locator("h2.event-title").First).ToContainTextAsync("create by");
        await s.CheckAsync("3-record-history");
        s.Finish();
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("aims-browser-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
