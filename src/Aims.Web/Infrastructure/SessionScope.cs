using Aims.Data;

namespace Aims.Web.Infrastructure;

/// <summary>
/// A service scope signed in as the current session, for a component that renders beside a page: its queries get their
/// own DbContext (one context never runs two queries at once) under the same organization filter and person.
/// </summary>
public static class SessionScope
{
    public static AsyncServiceScope? Create(IServiceScopeFactory scopes, AimsSession session)
    {
        if (session is not { PersonId: { } person, OrganizationId: { } org, Role: { } role, Scope: { } scope })
        {
            return null;
        }

        var created = scopes.CreateAsyncScope();
        created.ServiceProvider.GetRequiredService<AimsSession>().SignIn(person, org, role, scope);
        return created;
    }
}
