namespace Aims.Web.Infrastructure;

public static class PageStatus
{
    /// <summary>
    /// Answers 404 for a page whose record does not exist. Blazor then leaves the body to the status-code pages,
    /// which re-execute /not-found: the reader gets the layout, the address they asked for and a way on.
    /// </summary>
    public static void NotFound(HttpContext? context)
    {
        if (context is not null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
