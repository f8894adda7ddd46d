using System.Linq.Expressions;
using Aims.Data;
using Aims.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure.Registers;

/// <summary>Lists of a register: search, filters by field, sort, paging. The API and the list pages share it.</summary>
public static class RegisterQueries
{
    /// <summary>Checks list filters given as field -> text (query string); returns problems (field -> rule) and the parsed filters.</summary>
    public static async Task<(Dictionary<string, string[]> Errors, List<(RegisterField Field, object? Value)> Filters)> ParseFiltersAsync(
        RegisterService service, RegisterDefinition definition, IEnumerable<KeyValuePair<string, string>> given, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filters = new List<(RegisterField, object?)>();
        var extras = new List<(ExtraFilter, string)>();
        foreach (var (name, text) in given)
        {
            if (definition.ExtraFilters.FirstOrDefault(f => f.Name == name) is { } extra)
            {
                if (!extra.Values.Contains(text))
                {
                    errors[name] = [$"must be one of {string.Join(", ", extra.Values)}"];
                }
                else
                {
                    extras.Add((extra, text));
                }

                continue;
            }

            var field = definition.Field(name);
            if (field is null || !IsFilter(field))
            {
                var allowed = definition.Fields.Where(IsFilter).Select(f => f.Name).Concat(definition.ExtraFilters.Select(f => f.Name));
                errors[name] = [$"is not a filter of {definition.Plural}; filters are page, pageSize, sort, q, {string.Join(", ", allowed)}"];
                continue;
            }

            if (field.ReadOnly)
            {
                filters.Add((field, text));
                continue;
            }

            if (!FieldText.TryParse(field, [text], out var value, out var error) || value is null)
            {
                errors[name] = [error ?? "must not be empty"];
                continue;
            }

            if (field.Kind is FieldKind.Reference or FieldKind.ReferenceSet)
            {
                var reference = value is List<string> many ? many.FirstOrDefault() ?? "" : (string)value;
                value = await service.References.FindAsync(service.Registers.Get(field.Target!), reference, ct) ?? Guid.Empty;
            }
            else if (field.Kind == FieldKind.Person)
            {
                var normalized = ((string)value).ToUpperInvariant();
                value = await service.Db.Users.Where(p => p.NormalizedEmail == normalized).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) ?? Guid.Empty;
            }

            filters.Add((field, value));
        }

        return (errors, [.. filters, .. extras.Select(e => (Field: new RegisterField { Name = e.Item1.Name, Label = e.Item1.Name, Kind = FieldKind.Text }, Value: (object?)e))]);
    }

    public static bool IsFilter(RegisterField field) =>
        (field.ReadOnly && field.Kind == FieldKind.Text) || field.Kind is FieldKind.Enum or FieldKind.Bool or FieldKind.Reference or FieldKind.Person or FieldKind.ReferenceSet;

    /// <summary>
    /// A page of records, read through <see cref="ListColumns"/>: records to show, not to save (their organization,
    /// number and deletion time are not read).
    /// </summary>
    public static async Task<PagedList<RegisterRecord>> ListAsync(
        AimsDbContext db, RegisterDefinition definition, PageQuery paging, IReadOnlyList<(RegisterField Field, object? Value)> filters, CancellationToken ct)
    {
        var query = Filtered(db, definition, paging.Search, filters);
        query = Sort(definition, query, paging.Sort);
        return await query.Select(ListColumns(db, definition.ClrType)).ToPageAsync(paging, ct);
    }

    /// <summary>Columns a list never shows and nothing it computes reads; every other mapped column is read.</summary>
    private static readonly HashSet<string> NotListed = [nameof(RegisterRecord.OrganizationId), nameof(RegisterRecord.Number), nameof(RegisterRecord.DeletedAt)];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Expression<Func<RegisterRecord, RegisterRecord>>> Projections = new();

    /// <summary>
    /// <c>r => new T { Id = r.Id, Name = r.Name, ... }</c> over the entity's mapped columns but <see cref="NotListed"/>:
    /// a list row is materialized from the columns it uses instead of as a whole entity (each column read from the
    /// data reader, a text id parsed, is a cost per row). Derived columns and <see cref="RegisterDefinition.Describe"/>
    /// still see every field and every column of their own they read.
    /// </summary>
    private static Expression<Func<RegisterRecord, RegisterRecord>> ListColumns(AimsDbContext db, Type clr) => Projections.GetOrAdd(clr, _ =>
    {
        var r = Expression.Parameter(typeof(RegisterRecord), "r");
        var typed = Expression.Convert(r, clr);
        var bindings = db.Model.FindEntityType(clr)!.GetProperties()
            .Where(p => p.PropertyInfo is { CanWrite: true } && !NotListed.Contains(p.Name))
            .Select(p => Expression.Bind(p.PropertyInfo!, Expression.Property(typed, p.PropertyInfo!)));
        return Expression.Lambda<Func<RegisterRecord, RegisterRecord>>(Expression.MemberInit(Expression.New(clr), bindings), r);
    });

    public static IQueryable<RegisterRecord> Filtered(AimsDbContext db, RegisterDefinition definition, string? search, IReadOnlyList<(RegisterField Field, object? Value)> filters)
    {
        var query = definition.Query(db).AsNoTracking();
        if (search is { } q)
        {
            var title = definition.Title.Property!.Name;
            var upper = q.ToUpperInvariant();
            query = query.Where(r => EF.Property<string>(r, title).ToLower().Contains(q) || r.Reference.Contains(upper));
        }

        foreach (var (field, value) in filters)
        {
            if (value is ValueTuple<ExtraFilter, string> extra)
            {
                query = extra.Item1.Apply(db, query, extra.Item2);
            }
            else if (field.Kind == FieldKind.ReferenceSet)
            {
                var kind = field.LinkKind;
                var target = (Guid)value!;
                var linked = db.RegisterLinks.Where(l => l.Kind == kind && l.ToId == target).Select(l => l.FromId);
                query = query.Where(r => linked.Contains(r.Id));
            }
            else
            {
                query = query.Where(FieldEquals(definition.ClrType, field.Property!.Name, field.Property.PropertyType, value));
            }
        }

        return query;
    }

    private static Expression<Func<RegisterRecord, bool>> FieldEquals(Type clr, string property, Type type, object? value)
    {
        var r = Expression.Parameter(typeof(RegisterRecord), "r");
        var member = Expression.Property(Expression.Convert(r, clr), property);
        var constant = Expression.Constant(value is null ? null : Convert(value, type), type);
        return Expression.Lambda<Func<RegisterRecord, bool>>(Expression.Equal(member, constant), r);
    }

    private static object Convert(object value, Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? Activator.CreateInstance(type, value is Guid || inner.IsEnum ? value : System.Convert.ChangeType(value, inner, System.Globalization.CultureInfo.InvariantCulture))! : value;

    public static IQueryable<RegisterRecord> Sort(RegisterDefinition definition, IQueryable<RegisterRecord> query, string? sort)
    {
        var key = sort?.TrimStart('-') ?? "reference";
        var descending = sort?.StartsWith('-') == true;
        var property = key switch
        {
            "reference" => nameof(RegisterRecord.Number),
            "updated" => nameof(RegisterRecord.UpdatedAt),
            _ => definition.Field(key)?.Property?.Name ?? nameof(RegisterRecord.Number),
        };
        var r = Expression.Parameter(typeof(RegisterRecord), "r");
        var body = Expression.Property(Expression.Convert(r, definition.ClrType), property);
        var lambda = Expression.Lambda(body, r);
        var method = (descending ? nameof(Queryable.OrderByDescending) : nameof(Queryable.OrderBy));
        var ordered = (IOrderedQueryable<RegisterRecord>)query.Provider.CreateQuery(Expression.Call(
            typeof(Queryable), method, [typeof(RegisterRecord), body.Type], query.Expression, Expression.Quote(lambda)));
        return property == nameof(RegisterRecord.Number) ? ordered : ordered.ThenBy(x => x.Number);
    }
}
