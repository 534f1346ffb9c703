using System.Net;
using System.Security.Cryptography;
using System.Text;
using MCU.Hub.Intake;
using MCU.Hub.Satisfaction;

namespace MCU.Hub.Host.Satisfaction;

/// <summary>
/// The citizen's survey page, <c>GET/POST /survey/{token}</c>: anonymous (the personal link is the credential), plain
/// HTML in Russian with three buttons and an optional comment, no script, a strict content security policy, and no
/// personal data beyond the short description of the problem.
/// </summary>
internal static class SurveyEndpoints
{
    private const int MaxFormBytes = 16 * 1024;

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}" +
        "button{font-size:1.1rem;margin:.3rem .3rem .3rem 0;padding:.6rem 1rem;cursor:pointer}" +
        "textarea{width:100%;min-height:5rem;font:inherit}.muted{color:#555}";

    private static readonly string s_csp =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Maps the survey page; the only anonymous endpoints that touch a municipality's data.</summary>
    public static void MapSurveyPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/survey/{token}", ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/survey/{token}", SubmitAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task ShowAsync(HttpContext context, string token, SatisfactionService surveys)
    {
        var survey = await surveys.FindByTokenAsync(token, context.RequestAborted);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (survey is null)
            await WriteAsync(context, StatusCodes.Status404NotFound, "Ссылка не найдена", "<p>Такой ссылки на опрос нет. Проверьте, что она скопирована целиком.</p>");
        else if (survey.Answer != SurveyAnswer.None)
            await WriteAsync(context, StatusCodes.Status409Conflict, "Ответ уже записан", $"<p>Ваш ответ «{E(SurveyAnswers.LabelOf(survey.Answer))}» уже записан. Спасибо!</p>");
        else if (now >= survey.ExpiresAt)
            await WriteAsync(context, StatusCodes.Status410Gone, "Срок опроса истёк", "<p>Срок действия этой ссылки истёк, ответ больше не принимается.</p>");
        else
            await WriteAsync(context, StatusCodes.Status200OK, "Решена ли ваша проблема?", Form(survey, null, surveys.Options.MaxCommentLength));
    }

    private static async Task SubmitAsync(HttpContext context, string token, SatisfactionService surveys)
    {
        if (context.Request.ContentLength is > MaxFormBytes || !context.Request.HasFormContentType)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "Ответ не принят", "<p>Отправьте ответ кнопкой на странице опроса.</p>");
            return;
        }

        var form = await context.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueLengthLimit = MaxFormBytes, ValueCountLimit = 8 }, context.RequestAborted);
        var answer = SurveyAnswers.Parse(form["answer"].ToString());
        SurveySubmitOutcome outcome;
        SatisfactionSurvey? survey;
        try
        {
            (outcome, survey) = await surveys.SubmitAsync(token, answer, form["comment"].ToString(), context.RequestAborted);
        }
        catch (HubValidationException ex)
        {
            var current = await surveys.FindByTokenAsync(token, context.RequestAborted);
            var body = $"<p class=\"muted\">{E(ex.Message)}</p>" + (current is null ? "" : Form(current, form["comment"].ToString(), surveys.Options.MaxCommentLength));
            await WriteAsync(context, current is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, "Ответ не принят", body);
            return;
        }

        switch (outcome)
        {
            case SurveySubmitOutcome.Recorded:
                var reopened = survey!.Answer == SurveyAnswer.NotSolved && surveys.Options.ReopenOnUnsolved
                    ? "<p>Сообщение возвращено в работу, его рассмотрят повторно.</p>" : "";
                await WriteAsync(context, StatusCodes.Status200OK, "Спасибо, ответ записан", $"<p>Ваш ответ: «{E(SurveyAnswers.LabelOf(survey.Answer))}».</p>{reopened}");
                break;
            case SurveySubmitOutcome.AlreadyAnswered:
                await WriteAsync(context, StatusCodes.Status409Conflict, "Ответ уже записан", $"<p>Ответ по этой ссылке уже записан{(survey is null ? "" : $": «{E(SurveyAnswers.LabelOf(survey.Answer))}»")}. Повторный ответ не принимается.</p>");
                break;
            case SurveySubmitOutcome.Expired:
                await WriteAsync(context, StatusCodes.Status410Gone, "Срок опроса истёк", "<p>Срок действия этой ссылки истёк, ответ больше не принимается.</p>");
                break;
            default:
                await WriteAsync(context, StatusCodes.Status404NotFound, "Ссылка не найдена", "<p>Такой ссылки на опрос нет. Проверьте, что она скопирована целиком.</p>");
                break;
        }
    }

    private static string Form(SatisfactionSurvey survey, string? comment, int maxComment) =>
        $"""
        <p class="muted">{E(survey.Summary)}</p>
        <form method="post">
        <p><button type="submit" name="answer" value="solved">Решено</button><button type="submit" name="answer" value="partly_solved">Решено частично</button><button type="submit" name="answer" value="not_solved">Не решено</button></p>
        <p><label for="comment">Комментарий (необязательно):</label><br><textarea id="comment" name="comment" maxlength="{maxComment}">{E(comment ?? "")}</textarea></p>
        </form>
        <p class="muted">Ответ можно дать один раз. Оценка поможет проверить качество решения.</p>
        """;

    private static async Task WriteAsync(HttpContext context, int status, string title, string body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers.ContentSecurityPolicy = s_csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        // The token is in the address: no page of another site may learn it from the referrer.
        headers["Referrer-Policy"] = "no-referrer";
        await response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{E(title)}</title><style>{Style}</style></head><body><h1>{E(title)}</h1>{body}</body></html>",
            context.RequestAborted);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
