using MiniExcelLibs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aims.Browser.Tests;

/// <summary>Importing a spreadsheet through the page: one bad row refuses the whole file and names the row.</summary>
public abstract partial class BrowserFlows
{
    [Fact]
    public async Task A_spreadsheet_with_one_bad_row_is_refused_naming_the_row_then_imported_when_fixed()
    {
        await using var s = await SignedInAsync("import");
        await s.GoAsync("/inventory");
        await s.Page.GetByRole(AriaRole.Link, new() { Name = "Import or export the inventory" }).ClickAsync();
        await Expect(s.Heading).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Import"));
        await s.CheckAsync("1-transfer");

        var folder = Directory.CreateTempSubdirectory("aims-import-").FullName;
        try
        {
            static Dictionary<string, object> Row(string name, string stage) => new()
            {
                ["name"] = name, ["stage"] = stage, ["sourcing"] = "third-party", ["autonomy"] = "recommendation", ["oversight"] = "human-in-the-loop",
                ["owner"] = "new.colleague@example.org",
            };
            var bad = Path.Combine(folder, "bad.xlsx");
            MiniExcel.SaveAs(bad, new Dictionary<string, object> { ["ai-systems"] = new[] { Row("Invoice matching", "deployment"), Row("Voice of customer", "launched") } });
            await s.Page.GetByLabel("File (.json, .xlsx or .csv)").SetInputFilesAsync(bad);
            await s.Page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            var problems = s.Page.GetByRole(AriaRole.Table, new() { Name = "Problems" });
            await Expect(problems).ToContainTextAsync("row 3");
            await Expect(problems).ToContainTextAsync("stage");
            await s.CheckAsync("2-row-error");
            await s.GoAsync("/inventory/ai-systems?q=invoice");
            await Expect(s.Page.GetByText("Invoice matching")).ToHaveCountAsync(0);

            var good = Path.Combine(folder, "good.xlsx");
            MiniExcel.SaveAs(good, new Dictionary<string, object> { ["ai-systems"] = new[] { Row("Invoice matching", "deployment"), Row("Voice of customer", "deployment") } });
            await s.GoAsync("/inventory/transfer");
            await s.Page.GetByLabel("File (.json, .xlsx or .csv)").SetInputFilesAsync(good);
            await s.Page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await Expect(s.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("2");
            await Expect(s.Page.GetByText("new.colleague@example.org")).ToBeVisibleAsync();
            await s.CheckAsync("3-imported");
            await s.GoAsync("/inventory/ai-systems?q=invoice");
            await Expect(s.Page.GetByRole(AriaRole.Cell, new() { Name = "Invoice matching" })).ToBeVisibleAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        s.Finish();
    }
}
