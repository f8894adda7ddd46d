using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Infrastructure;

/// <summary>The query parameters every list takes. All are optional; defaults give the first page.</summary>
public sealed record PageQuery(int? Page, int? PageSize, string? Sort, string? Q)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int PageNumber => Page ?? 1;

    public int Size => PageSize ?? DefaultPageSize;

    public string? Search => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim().ToLowerInvariant();

    /// <summary>The problems with the paging values themselves, if any (field -> rule).</summary>
    /// <summary>
    /// A page number typed into a page's address: anything unparsable or out of range gives the nearest valid page,
    /// because a page (unlike the API) answers with content, not with an error.
    /// </summary>
    public static int PageFromText(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
            ? Math.Clamp(page, 1, 1_000_000)
            : 1;

    public Dictionary<string, string[]> Validate(IReadOnlyCollection<string> sortKeys)
    {
        var errors = new Dictionary<string, string[]>();
        if (Page is < 1 or > 1_000_000)
        {
            errors["page"] = ["must be between 1 and 1000000"];
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        }

        if (Sort is not null && !sortKeys.Contains(Sort.TrimStart('-')))
        {
            errors["sort"] = [$"must be one of {string.Join(", ", sortKeys)} (prefix with '-' for descending)"];
        }

        if (Q is { Length: > 200 })
        {
            errors["q"] = ["must be at most 200 characters"];
        }

        return errors;
    }
}

/// <summary>One page of a list: the JSON shape of every list in the API, { items, total, page, pageSize }.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public static class Paging
{
    public static IQueryable<T> SortBy<T, TKey>(this IQueryable<T> query, string? sort, string key, Expression<Func<T, TKey>> by, ref bool sorted)
    {
        if (sorted || sort is null || sort.TrimStart('-') != key)
        {
            return query;
        }

        sorted = true;
        return sort.StartsWith('-') ? query.OrderByDescending(by) : query.OrderBy(by);
    }

    public static async Task<PagedList<T>> ToPageAsync<T>(this IQueryable<T> query, PageQuery paging, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip((paging.PageNumber - 1) * paging.Size).Take(paging.Size).ToListAsync(ct);
        return new PagedList<T>(items, total, paging.PageNumber, paging.Size);
    }

    public static PagedList<TOut> Map<TIn, TOut>(this PagedList<TIn> page, Func<TIn, TOut> map) =>
        new(page.Items.Select(map).ToList(), page.Total, page.Page, page.PageSize);
}
