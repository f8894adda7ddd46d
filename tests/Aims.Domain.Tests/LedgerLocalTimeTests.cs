using System.Text;
using Aims.Domain.Ledger;

namespace Aims.Domain.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalTimeZoneCollection
{
    public const string Name = "changes the process time zone";
}

/// <summary>
/// A <see cref="DateTime"/> value in a record field must be written as the UTC instant it stands for. These tests switch
/// the process's local time zone (TZ) so that local and UTC differ; they run alone so no other test sees that zone.
/// </summary>
[Collection(LocalTimeZoneCollection.Name)]
public sealed class LedgerLocalTimeTests
{
    private static string WriteField(object value)
    {
        var draft = new LedgerEventDraft("c", 1, LedgerHash.Genesis, DateTimeOffset.UnixEpoch, "a", "t", "i", null, "create", null, null,
            [new LedgerField("when", value)]);
        var text = Encoding.UTF8.GetString(LedgerCanonicalJson.Write(draft));
        var start = text.IndexOf("\"when\":\"", StringComparison.Ordinal) + 8;
        return text[start..text.IndexOf('"', start)];
    }

    private static void InZone(string zone, Action test)
    {
        var before = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
            Assert.Equal(zone, TimeZoneInfo.Local.Id);
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", before);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Fact]
    public void A_local_DateTime_is_written_as_its_utc_instant()
    {
        InZone("Asia/Kolkata", () =>
        {
            var local = new DateTime(2026, 1, 15, 10, 0, 0, DateTimeKind.Local);
            Assert.Equal(TimeSpan.FromHours(5.5), TimeZoneInfo.Local.GetUtcOffset(local));
            Assert.Equal("2026-01-15T04:30:00.000000Z", WriteField(local));
        });
    }

    [Fact]
    public void A_utc_or_unspecified_DateTime_is_taken_as_utc_whatever_the_local_zone()
    {
        InZone("America/New_York", () =>
        {
            Assert.Equal("2026-01-15T10:00:00.000000Z", WriteField(new DateTime(2026, 1, 15, 10, 0, 0, DateTimeKind.Utc)));
            Assert.Equal("2026-01-15T10:00:00.000000Z", WriteField(new DateTime(2026, 1, 15, 10, 0, 0, DateTimeKind.Unspecified)));
            Assert.Equal("2026-01-15T10:00:00.000000Z", WriteField(new DateTimeOffset(2026, 1, 15, 5, 0, 0, TimeSpan.FromHours(-5))));
        });
    }
}
