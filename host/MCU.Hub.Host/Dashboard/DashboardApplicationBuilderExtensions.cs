using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Dashboard;

/// <summary>Registers and serves the browser dashboard: static files bundled with the host, signed in with the API's own credentials.</summary>
public static partial class DashboardApplicationBuilderExtensions
{
    /// <summary>The URL path the dashboard is served under.</summary>
    public const string BasePath = "/dashboard";

    /// <summary>The folder, beside the host's assembly, that holds the dashboard's files.</summary>
    public const string WebRootFolder = "dashboard";

    /// <summary>Adds the dashboard's options, bound from <c>McuHub:Dashboard</c> and validated at start-up.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMcuHubDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        return services;
    }

    /// <summary>
    /// Serves the dashboard at <c>/dashboard/</c> and redirects <c>/</c> there. Placed before authentication: the files are
    /// the same for everyone and hold no data; every number on the page comes from the API, called with the signed-in
    /// credential, so a region user gets the masked data the API gives it.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseMcuHubDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (!options.Enabled)
            return app;
        var root = Path.Combine(AppContext.BaseDirectory, WebRootFolder);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            LogAssetsMissing(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MCU.Hub.Host.Dashboard"), root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            tileUrl = options.TileUrl,
            tileAttribution = options.TileAttribution,
            maxZoom = options.MaxZoom,
            nearDeadlineHours = options.NearDeadline.TotalHours,
        });
        var tileOrigin = DashboardOptionsValidator.TileOrigin(options);
        var policy = string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            // Chart.js and Leaflet set element styles; no style comes from elsewhere.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:" + (tileOrigin is null ? "" : " " + tileOrigin),
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

        app.Use((context, next) =>
        {
            if (context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect(BasePath + "/");
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.Map(BasePath, branch =>
        {
            branch.Use(async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // The files change with the host's version; the browser asks again rather than run a stale page.
                headers.CacheControl = "no-cache";
                if (context.Request.Path == "/config.json")
                {
                    context.Response.ContentType = "application/json";
                    context.Response.ContentLength = config.Length;
                    await context.Response.Body.WriteAsync(config, context.RequestAborted);
                    return;
                }

                await next(context);
            });
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        LogServed(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MCU.Hub.Host.Dashboard"), BasePath, options.TileUrl.Length > 0 ? options.TileUrl : "—");
        return app;
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Dashboard served at {Path}/ on the HTTP/1.1 endpoint; map tiles: {Tiles}")]
    private static partial void LogServed(ILogger logger, string path, string tiles);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Dashboard enabled but its files are missing in {Folder}; build the host (the build copies them)")]
    private static partial void LogAssetsMissing(ILogger logger, string folder);
}
