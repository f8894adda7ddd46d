using System.IO.Compression;
using System.Text;
using Aims.Domain.Assurance;
using Aims.Domain.Evidence;

namespace Aims.Domain.Tests.Evidence;

public sealed class ContentSnifferTests
{
    private static string Detect(byte[] bytes)
    {
        var scanner = new TextScanner();
        // Fed in small chunks, as a stream arrives, so multi-byte characters are split across chunks.
        for (var i = 0; i < bytes.Length; i += 3)
        {
            scanner.Append(bytes.AsSpan(i, Math.Min(3, bytes.Length - i)));
        }

        scanner.Append([], final: true);
        return ContentSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, ContentSniffer.HeadLength)), scanner.IsText);
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public void Signatures_tell_the_type_whatever_the_name()
    {
        Assert.Equal(ContentSniffer.Pdf, Detect(Encoding.ASCII.GetBytes("%PDF-1.7\n...")));
        Assert.Equal(ContentSniffer.Png, Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal(ContentSniffer.Jpeg, Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal(ContentSniffer.Gif, Detect(Encoding.ASCII.GetBytes("GIF89a\x01\x00")));
        Assert.Equal(ContentSniffer.Zip, Detect(Zip("readme.txt")));
        Assert.Equal(ContentSniffer.Docx, Detect(Zip("[Content_Types].xml", "word/document.xml")));
        Assert.Equal(ContentSniffer.Xlsx, Detect(Zip("[Content_Types].xml", "xl/workbook.xml")));
        Assert.Equal(ContentSniffer.Pptx, Detect(Zip("[Content_Types].xml", "ppt/presentation.xml")));
    }

    [Fact]
    public void Valid_utf8_is_text_json_or_csv_and_anything_else_is_binary()
    {
        Assert.Equal(ContentSniffer.Text, Detect(Encoding.UTF8.GetBytes("Minutes of the review — décision prise.\n")));
        Assert.Equal(ContentSniffer.Json, Detect(Encoding.UTF8.GetBytes("  {\"retention\": 180}")));
        Assert.Equal(ContentSniffer.Csv, Detect(Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n4,5,6\n")));
        Assert.Equal(ContentSniffer.Text, Detect(Encoding.UTF8.GetBytes("one, two\nthree\n")));
        Assert.Equal(ContentSniffer.Html, Detect(Encoding.UTF8.GetBytes("<!DOCTYPE html><html></html>")));
        Assert.Equal(ContentSniffer.Svg, Detect(Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")));
        Assert.Equal(ContentSniffer.Binary, Detect([0xC3, 0x28, 0x41])); // invalid UTF-8
        Assert.Equal(ContentSniffer.Binary, Detect(Encoding.UTF8.GetBytes("text with a \0 NUL")));
        Assert.Equal(ContentSniffer.Binary, Detect([0x00, 0x01, 0x02]));
    }

    [Theory]
    [InlineData(null, ContentSniffer.Pdf, true)]
    [InlineData("application/octet-stream", ContentSniffer.Png, true)]
    [InlineData("application/pdf", ContentSniffer.Pdf, true)]
    [InlineData("application/pdf", ContentSniffer.Png, false)]
    [InlineData("image/png", ContentSniffer.Jpeg, false)]
    [InlineData("text/csv; charset=utf-8", ContentSniffer.Text, true)]
    [InlineData("application/json", ContentSniffer.Csv, true)]
    [InlineData("text/plain", ContentSniffer.Binary, false)]
    [InlineData(ContentSniffer.Docx, ContentSniffer.Zip, true)]
    [InlineData(ContentSniffer.Docx, ContentSniffer.Xlsx, false)]
    [InlineData("image/svg+xml", ContentSniffer.Svg, true)]
    [InlineData("application/x-custom", ContentSniffer.Binary, true)]
    [InlineData("application/x-custom", ContentSniffer.Pdf, false)]
    public void A_declared_type_must_agree_with_the_bytes(string? declared, string detected, bool agrees) =>
        Assert.Equal(agrees, ContentSniffer.Agrees(declared, detected));
}

public sealed class EvidenceRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData(null, Freshness.Current)]
    [InlineData("2027-06-01", Freshness.Current)]
    [InlineData("2026-12-25", Freshness.Current)]
    [InlineData("2026-12-24", Freshness.Expiring)]
    [InlineData("2026-11-24", Freshness.Expiring)]
    [InlineData("2026-11-23", Freshness.Expired)]
    public void Freshness_follows_valid_until_with_a_30_day_window(string? validUntil, Freshness expected) =>
        Assert.Equal(expected, EvidenceRules.FreshnessOf(validUntil is null ? null : DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Fact]
    public void The_window_is_the_organizations()
    {
        Assert.Equal(Freshness.Current, EvidenceRules.FreshnessOf(Today.AddDays(20), Today, 10));
        Assert.Equal(Freshness.Expiring, EvidenceRules.FreshnessOf(Today.AddDays(20), Today, 20));
    }

    [Fact]
    public void Reminders_are_for_open_requests_due_soon_or_overdue()
    {
        Assert.Equal(ReminderState.Overdue, EvidenceRules.ReminderOf(EvidenceRequestState.Open, Today.AddDays(-1), Today));
        Assert.Equal(ReminderState.DueSoon, EvidenceRules.ReminderOf(EvidenceRequestState.Open, Today, Today));
        Assert.Equal(ReminderState.DueSoon, EvidenceRules.ReminderOf(EvidenceRequestState.Open, Today.AddDays(30), Today));
        Assert.Equal(ReminderState.NotDue, EvidenceRules.ReminderOf(EvidenceRequestState.Open, Today.AddDays(31), Today));
        Assert.Equal(ReminderState.NotDue, EvidenceRules.ReminderOf(EvidenceRequestState.Closed, Today.AddDays(-9), Today));
    }

    [Theory]
    [InlineData("report.pdf", null)]
    [InlineData("Évaluation 2026 (final).docx", null)]
    [InlineData("", "is required")]
    [InlineData("../etc/passwd", "must be a plain file name without a path (no / or \\)")]
    [InlineData("a\\b.pdf", "must be a plain file name without a path (no / or \\)")]
    [InlineData("..", "must not contain '..'")]
    [InlineData("report..pdf", "must not contain '..'")]
    [InlineData("re\u0007port.pdf", "must not contain control characters or quotes")]
    [InlineData("re\"port.pdf", "must not contain control characters or quotes")]
    [InlineData("evil\u202Efdp.exe", "must not contain control characters or quotes")]
    [InlineData(" report.pdf", "must not start or end with a space")]
    public void File_names_carry_no_path_and_no_control_characters(string name, string? problem) =>
        Assert.Equal(problem, EvidenceRules.FileNameProblem(name));

    [Fact]
    public void A_long_file_name_is_refused() =>
        Assert.Equal("must be at most 200 characters", EvidenceRules.FileNameProblem(new string('a', 197) + ".pdf"));

    private static readonly SoaDecision Traced = new(ApplicabilityDecision.Applicable, [ApplicabilityDriver.Policy], "", ImplementationStatus.Implemented, null,
        "PRC-1", "REC-1", "owner@example.org");

    [Fact]
    public void An_applicable_control_whose_evidence_has_all_expired_is_not_audit_ready()
    {
        Assert.True(SoaRow.Derive("A.6.2.8", "Event logs", "A.6", [], Traced).AuditReady);
        var expired = SoaRow.Derive("A.6.2.8", "Event logs", "A.6", [], Traced, new EvidenceStanding(2, 2, 0));
        Assert.Equal(["evidence expired"], expired.NotReadyBecause);
        Assert.True(SoaRow.Derive("A.6.2.8", "Event logs", "A.6", [], Traced, new EvidenceStanding(2, 1, 1)).AuditReady);
    }

    [Fact]
    public void Current_evidence_in_the_vault_counts_as_the_controls_evidence()
    {
        var untyped = Traced with { Evidence = "" };
        Assert.Contains("no evidence", SoaRow.Derive("A.7.4", "Data quality", "A.7", [], untyped).NotReadyBecause);
        Assert.True(SoaRow.Derive("A.7.4", "Data quality", "A.7", [], untyped, new EvidenceStanding(1, 0, 0)).AuditReady);
        Assert.Equal(["evidence expired"], SoaRow.Derive("A.7.4", "Data quality", "A.7", [], untyped, new EvidenceStanding(1, 1, 0)).NotReadyBecause);
    }

    [Fact]
    public void An_excluded_control_is_not_judged_on_its_evidence() =>
        Assert.True(SoaRow.Derive("A.4.6", "Compute", "A.4", [], SoaDecision.None with { Decision = ApplicabilityDecision.Excluded, Justification = "No compute of our own." },
            new EvidenceStanding(1, 1, 0)).AuditReady);
}
