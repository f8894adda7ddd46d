namespace Aims.Data.Entities;

/// <summary>A record that belongs to one organization; the data layer filters every query by it.</summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; }
}

/// <summary>A record whose every change appends an event to the ledger in the same transaction.</summary>
public interface ILedgered
{
    Guid Id { get; }
}

/// <summary>Deleting marks the record with a time instead of removing the row; queries hide it.</summary>
public interface ISoftDeletable
{
    DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>Carries a version that the data layer raises on each update; it is the ETag and the concurrency token.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>A record people can cite aloud (SYS-12, RISK-42): the data layer hands out the number per organization.</summary>
public interface IReferenced : IOrganizationOwned
{
    /// <summary>The letters before the number, e.g. "SYS"; a constant of the type, never stored.</summary>
    string ReferencePrefix { get; }

    string Reference { get; set; }
}

/// <summary>Times are UTC and kept to the microsecond, so SQLite and PostgreSQL give back the same value.</summary>
public static class Clock
{
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static DateTimeOffset Now(TimeProvider? time = null) => Truncate((time ?? TimeProvider.System).GetUtcNow());
}

/// <summary>A ledgered record whose deletion removes the row (a link between records); the ledger keeps what it held.</summary>
public interface IRemovable : ILedgered;
