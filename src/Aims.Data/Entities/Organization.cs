namespace Aims.Data.Entities;

public sealed class Organization : ILedgered, ISoftDeletable, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Short lower-case name used on the command line (<c>--org demo</c>).</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public long Version { get; set; }
}
