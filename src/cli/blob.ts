/**
 * The blob: what `audit` writes with `--format blob` (always, with `--shard`) so that
 * `merge-reports` can build every format of one report from several shards — Playwright's blob
 * report and merge-reports, for CORS. It holds the records themselves, not a rendering of them:
 * JSON, JUnit, Markdown and HAR of the merged run come from the same code as an unsharded run's.
 * Cookie, Set-Cookie and Authorization values are redacted unless --include-sensitive was given,
 * as in every other output (blobs travel as CI artifacts).
 */
import fs from 'node:fs';
import type { Header } from '../cors/types.ts';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { redactHeaders } from '../shared/redact.ts';
import type { Report, ReportCapture, ReportPage, ReportShards } from '../shared/report.ts';
import { UsageError } from './options.ts';

export const BLOB_FILE = 'cors-report.blob.json';
export const BLOB_KIND = 'cors-inspector-blob';
export const BLOB_VERSION = 1;

export interface AuditBlob {
  kind: typeof BLOB_KIND;
  version: typeof BLOB_VERSION;
  tool: Report['tool'];
  browser: Report['browser'];
  createdAt: string;
  /** Whether header values are kept (--include-sensitive). */
  includeSensitive: boolean;
  shards: ReportShards | null;
  pages: ReportPage[];
  capture: ReportCapture;
  records: ExchangeRecord[];
}

function redactRecord(r: ExchangeRecord): ExchangeRecord {
  const h = (headers: Header[]) => redactHeaders(headers);
  return {
    ...r,
    requestHeaders: h(r.requestHeaders),
    response: r.response ? { ...r.response, headers: h(r.response.headers) } : null,
    redirects: r.redirects.map((hop) => ({
      ...hop,
      headers: h(hop.headers),
      ...(hop.requestHeaders ? { requestHeaders: h(hop.requestHeaders) } : {}),
    })),
    preflight: r.preflight
      ? {
          ...r.preflight,
          requestHeaders: h(r.preflight.requestHeaders),
          responseHeaders: h(r.preflight.responseHeaders),
        }
      : null,
  };
}

export function toBlob(report: Report, records: readonly ExchangeRecord[], includeSensitive: boolean): AuditBlob {
  return {
    kind: BLOB_KIND,
    version: BLOB_VERSION,
    tool: report.tool,
    browser: report.browser,
    createdAt: report.createdAt,
    includeSensitive,
    shards: report.shards ?? null,
    pages: report.pages ?? [],
    capture: report.capture ?? { tabs: [] },
    records: includeSensitive ? [...records] : records.map(redactRecord),
  };
}

/** Reads a blob file, refusing anything else with what to give instead. */
export function readBlob(file: string): AuditBlob {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not a CORS Inspector blob (${BLOB_FILE}): it is not JSON`);
  }
  const blob = value as Partial<AuditBlob> & { schemaVersion?: unknown };
  if (blob?.kind !== BLOB_KIND) {
    throw new UsageError(
      blob?.schemaVersion !== undefined
        ? `${file} is a JSON report; merge-reports reads the blobs (cors-report.blob.json) that audit --shard writes`
        : `${file} is not a CORS Inspector blob (${BLOB_FILE})`,
    );
  }
  if (blob.version !== BLOB_VERSION)
    throw new UsageError(
      `${file} is blob version ${String(blob.version)}; this cors-inspector reads version ${BLOB_VERSION} (use the same version for the shards and the merge)`,
    );
  if (!Array.isArray(blob.records) || !Array.isArray(blob.pages))
    throw new UsageError(`${file}: the blob is incomplete`);
  return blob as AuditBlob;
}
