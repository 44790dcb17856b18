/**
 * The tools' JSON schemas, written once with zod (the SDK turns them into the JSON Schema clients
 * see). Output shapes mirror docs/report.schema.json: an exchange here is the report's exchange,
 * in full or without its bulky parts (trace, snippets, request headers) for the summary view.
 */
import { z } from 'zod';
import reportSchema from '../../docs/report.schema.json';
import { FORMATS } from '../cli/outputs.ts';

export const headerSchema = z.object({ name: z.string(), value: z.string() });

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(['high', 'medium', 'low', 'info']),
  message: z.string(),
  evidence: z.array(z.object({ header: z.string(), value: z.string() })),
  fix: z.string(),
});

const reasonSchema = z.object({
  code: z.string().describe("Chromium's CorsError name, e.g. MissingAllowOriginHeader"),
  failedParameter: z.string().describe('The offending value, method or header name ("" when none)'),
  header: z.string().nullable(),
  where: z.string().describe('preflight | response | redirect | request'),
  title: z.string(),
  explanation: z.string(),
  howToFix: z.string(),
  firefoxReason: z.string().nullable(),
  confidence: z.string(),
  assumptions: z.array(z.string()),
});

const fixHeaderSchema = z.looseObject({ name: z.string(), value: z.string() });

/** `snippets` (Express, FastAPI, Go, nginx) only in the full view. */
const fixSchema = z.looseObject({
  preflightHeaders: z.array(fixHeaderSchema),
  responseHeaders: z.array(fixHeaderSchema),
  notes: z.array(z.string()),
});

export const exchangeSchema = z
  .looseObject({
    id: z.string(),
    pageUrl: z.string(),
    initiator: z.string().describe("The page's origin"),
    url: z.string(),
    method: z.string(),
    verdict: z.enum(reportSchema.definitions.exchange.properties.verdict.enum as [string, ...string[]]),
    failure: z.string().nullable(),
    browserError: z.string().nullable(),
    response: z.object({ status: z.number(), headers: z.array(headerSchema), fromCache: z.boolean() }).nullable(),
    redirects: z.array(z.looseObject({ url: z.string(), status: z.number(), location: z.string() })),
    preflight: z
      .object({
        url: z.string(),
        status: z.number().nullable(),
        requestHeaders: z.array(headerSchema),
        responseHeaders: z.array(headerSchema),
        durationMs: z.number().nullable(),
      })
      .nullable()
      .describe('The OPTIONS preflight sent for this request (part of it, never a request of its own)'),
    preflightCached: z.boolean(),
    preflightNeededBecause: z.array(z.string()),
    reason: reasonSchema.nullable(),
    fix: fixSchema.nullable(),
    findings: z.array(findingSchema),
    confidence: z.string(),
    assumptions: z.array(z.string()),
    browserNotes: z.array(z.string()),
  })
  .describe('One cross-origin exchange, as in the report (docs/report.md)');

/** The report's summary, read from the report's own JSON schema so the two cannot drift apart. */
export const summarySchema = z.fromJSONSchema(
  reportSchema.properties.summary as Parameters<typeof z.fromJSONSchema>[0],
);

export const outcomeSchema = z
  .object({
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(3)]),
    failOn: z.string(),
    failing: z.string().nullable().describe('Why the run fails under failOn, or null when it passes'),
    unchecked: z
      .array(z.string())
      .describe('What could not be checked (exit 3 unless nothing failed and this is empty)'),
  })
  .describe('What the CLI would exit with for the same input and --fail-on');

/** Inputs several tools share. */
export const reportInputs = {
  failOn: z
    .string()
    .default('blocked')
    .describe(
      'When the outcome is a failure (exit 1), as the CLI --fail-on: blocked | never | finding:high|medium|low|info',
    ),
  detail: z
    .enum(['summary', 'full'])
    .default('summary')
    .describe(
      'summary: each exchange without trace, snippets and request headers; full: exactly the report (docs/report.md)',
    ),
  includeSensitive: z
    .boolean()
    .default(false)
    .describe('Keep Cookie, Set-Cookie and Authorization values (redacted by default)'),
  outDir: z
    .string()
    .optional()
    .describe('Also write report files there (relative paths resolve against the server working directory)'),
  formats: z.array(z.enum(FORMATS)).default(['json', 'md']).describe('Files to write to outDir'),
};
