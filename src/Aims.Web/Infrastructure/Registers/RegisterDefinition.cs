using Aims.Data;
using Aims.Data.Entities;

namespace Aims.Web.Infrastructure.Registers;

/// <summary>
/// A register of records (AI systems, datasets, interested parties, ...): its names, its fields and its rules. The
/// API, the pages, import and export all work from this description, so a register behaves the same at every door.
/// </summary>
public sealed class RegisterDefinition
{
    /// <summary>The plural kebab-case name used in URLs, file sheets and links: "ai-systems".</summary>
    public required string Name { get; init; }

    public required string Singular { get; init; }

    public required string Plural { get; init; }

    public required string Prefix { get; init; }

    /// <summary>The area its pages live under: "inventory" or "context".</summary>
    public required string Area { get; init; }

    /// <summary>The clauses and controls the register serves, shown on its pages.</summary>
    public required string Clauses { get; init; }

    public required string Intro { get; init; }

    public required string EmptyHint { get; init; }

    public required Type ClrType { get; init; }

    public required IReadOnlyList<RegisterField> Fields { get; init; }

    /// <summary>The field that names a record in lists and links.</summary>
    public required string TitleField { get; init; }

    public required Func<AimsDbContext, IQueryable<RegisterRecord>> Query { get; init; }

    public required Func<RegisterRecord> Create { get; init; }

    /// <summary>Rules across fields of one record, e.g. "an exclusion needs a justification" (field -> rule).</summary>
    public Func<RegisterRecord, IEnumerable<(string Field, string Rule)>> Rules { get; init; } = _ => [];

    /// <summary>Rules that read other data (the risk criteria for a likelihood's scale), run once the fields are valid.</summary>
    public Func<RegisterService, RegisterRecord, CancellationToken, Task<IEnumerable<(string Field, string Rule)>>> CheckAsync { get; init; } =
        (_, _, _) => Task.FromResult(Enumerable.Empty<(string, string)>());

    /// <summary>
    /// A change the register itself may not make because another mechanism governs it (an AI system is retired
    /// through an approval request): run at every door (API, page, import) once the fields are valid. The API answers
    /// 409 naming the field and the rule; import refuses the row; nothing is saved.
    /// </summary>
    public Func<RegisterService, RegisterRecord, bool, CancellationToken, Task<RegisterConflict?>> GuardAsync { get; init; } =
        (_, _, _, _) => Task.FromResult<RegisterConflict?>(null);

    /// <summary>
    /// What follows from an accepted change, in the same unit of work: materialized values, risks marked for
    /// reassessment, impact assessment tasks. Runs at every door (API, page, import) before the save.
    /// </summary>
    public Func<RegisterService, RegisterRecord, bool, CancellationToken, Task> AfterApplyAsync { get; init; } = (_, _, _, _) => Task.CompletedTask;

    /// <summary>Values computed from other records, shown in lists and answers but never written (e.g. a system's EU AI Act regimes).</summary>
    public IReadOnlyList<DerivedColumn> Derived { get; init; } = [];

    /// <summary>State shown in API answers that is not a field (set through its own endpoints, e.g. a risk's acceptance).</summary>
    public Action<RegisterRecord, Dictionary<string, object?>> Describe { get; init; } = (_, _) => { };

    /// <summary>Filters that are not a field's value (e.g. risks whose review is overdue).</summary>
    public IReadOnlyList<ExtraFilter> ExtraFilters { get; init; } = [];

    public RegisterField Title => Field(TitleField)!;

    public RegisterField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public string TitleOf(RegisterRecord record) => (string?)Title.Get(record) ?? record.Reference;

    public IEnumerable<string> SortKeys => ["reference", "updated", .. Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.Enum or FieldKind.Date or FieldKind.Bool or FieldKind.Number).Select(f => f.Name)];

    public string PagePath => $"/{Area}/{Name}";
}

/// <summary>A change refused by a rule of another mechanism: the field, the rule's name and what to do instead.</summary>
public sealed record RegisterConflict(string Field, string Rule, string Message);

/// <summary>A read-only value of each record computed from its own or other records' data.</summary>
public sealed record DerivedColumn(
    string Name,
    string Label,
    Func<AimsDbContext, IReadOnlyList<RegisterRecord>, CancellationToken, Task<Dictionary<Guid, IReadOnlyList<string>>>> Compute);

/// <summary>A list filter computed from several columns; <see cref="Values"/> are the accepted texts.</summary>
public sealed record ExtraFilter(string Name, string Label, IReadOnlyList<string> Values, Func<AimsDbContext, IQueryable<RegisterRecord>, string, IQueryable<RegisterRecord>> Apply);
