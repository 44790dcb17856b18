/**
 * ASP.NET Core: a named policy and the middleware order that matters. UseExceptionHandler clears
 * the response's headers and re-executes the pipeline, so CORS must come after it to run again
 * (https://github.com/dotnet/aspnetcore/issues/2378); UseCors before authentication.
 */
import { csharpString } from '../snippet-literals.ts';
import { allowedMethods, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function aspnetcore(s: SnippetInput): string {
  const args = (values: string[]) => values.map(csharpString).join(', ');
  return [
    ...preamble('aspnetcore', '//', [
      'Program.cs; the order of the app.Use... calls matters. UseExceptionHandler first: it clears the',
      'headers of a failed response and runs the pipeline again for /error, so CORS (after it) adds them to the',
      '500 too. UseCors after UseRouting and before UseAuthentication/UseAuthorization: preflights are answered',
      'before authentication, and the 401/403 it writes carry the headers. ASP.NET Core sends Vary: Origin only',
      'for a policy with several origins, hence the small middleware.',
    ]),
    `builder.Services.AddCors(options =>`,
    `{`,
    `    options.AddPolicy("frontend", policy => policy`,
    `        .WithOrigins(${args([s.origin])}) // the allow-list, compared exactly`,
    ...(s.credentials ? [`        .AllowCredentials()`] : []),
    `        .WithMethods(${args(allowedMethods(s))})`,
    ...(s.headers.length ? [`        .WithHeaders(${args(s.headers)})`] : []),
    ...(s.expose.length ? [`        .WithExposedHeaders(${args(s.expose)})`] : []),
    `        .SetPreflightMaxAge(TimeSpan.FromSeconds(${MAX_AGE_SECONDS})));`,
    `});`,
    ``,
    `var app = builder.Build();`,
    ``,
    `app.UseExceptionHandler("/error");`,
    `app.Use(async (context, next) =>`,
    `{`,
    `    context.Response.Headers.Append("Vary", "Origin");`,
    `    await next();`,
    `});`,
    `app.UseRouting();`,
    `app.UseCors("frontend");`,
    `app.UseAuthentication();`,
    `app.UseAuthorization();`,
    ``,
    `app.Map("/error", () => Results.Problem()); // what UseExceptionHandler re-executes`,
  ].join('\n');
}
