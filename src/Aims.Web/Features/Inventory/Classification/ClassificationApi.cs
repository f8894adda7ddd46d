using Aims.Data;
using Aims.Data.Entities;
using Aims.Domain.Inventory;
using Aims.Web.Infrastructure;
using Aims.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Aims.Web.Features.Inventory.Classification;

public static class ClassificationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        const string path = "/use-cases/{reference}/classification";
        var group = api.MapGroup("").WithTags("Use cases");
        group.MapGet(path, Get).RequireAuthorization(Policies.ApiRead)
            .WithSummary("The use case's EU AI Act questionnaire answers, the regimes derived from them with articles and obligations, and any override");
        group.MapPut(path, Answer).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Stores the questionnaire answers and recomputes the result (If-Match required)");
        group.MapPut(path + "/override", Override).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Overrides the computed regimes with a written justification, shown beside the computed result (If-Match required)");
        group.MapDelete(path + "/override", Clear).RequireAuthorization(Policies.ApiWrite)
            .WithSummary("Removes the override; the computed result holds again (If-Match required)");
    }

    private static Task<UseCase?> FindAsync(AimsDbContext db, string reference, CancellationToken ct) =>
        db.UseCases.FirstOrDefaultAsync(u => u.Reference == reference, ct);

    private static async Task<Results<Ok<ClassificationView>, ProblemHttpResult>> Get(string reference, HttpContext context, AimsDbContext db, CancellationToken ct)
    {
        var useCase = await FindAsync(db, reference, ct);
        if (useCase is null)
        {
            return Problems.NotFound(reference);
        }

        ETags.Set(context, useCase.Version);
        return TypedResults.Ok(await UseCaseClassification.ViewAsync(db, useCase, ct));
    }

    private static Task<Results<Ok<ClassificationView>, ValidationProblem, ProblemHttpResult>> Answer(
        string reference, EuAiActAnswers answers, HttpContext context, AimsDbContext db, CancellationToken ct) =>
        Change(reference, context, db, u => UseCaseClassification.AnswerAsync(db, u, answers, null, ct), ct);

    private static Task<Results<Ok<ClassificationView>, ValidationProblem, ProblemHttpResult>> Override(
        string reference, OverrideRequest request, HttpContext context, AimsDbContext db, CancellationToken ct) =>
        Change(reference, context, db, u => UseCaseClassification.OverrideAsync(db, u, request, null, ct), ct);

    private static Task<Results<Ok<ClassificationView>, ValidationProblem, ProblemHttpResult>> Clear(
        string reference, HttpContext context, AimsDbContext db, CancellationToken ct) =>
        Change(reference, context, db, u => UseCaseClassification.ClearOverrideAsync(db, u, null, ct), ct);

    private static async Task<Results<Ok<ClassificationView>, ValidationProblem, ProblemHttpResult>> Change(
        string reference, HttpContext context, AimsDbContext db, Func<UseCase, Task<Outcome<UseCase>>> change, CancellationToken ct)
    {
        var useCase = await FindAsync(db, reference, ct);
        if (useCase is null)
        {
            return Problems.NotFound(reference);
        }

        if (ETags.Check(context.Request, useCase.Version) is { } precondition)
        {
            return precondition;
        }

        var outcome = await change(useCase);
        if (!outcome.IsOk)
        {
            return outcome.ToResult(_ => TypedResults.Ok<ClassificationView>(null!));
        }

        ETags.Set(context, outcome.Value!.Version);
        return TypedResults.Ok(await UseCaseClassification.ViewAsync(db, outcome.Value, ct));
    }
}
