/**
 * `cors-inspector merge-reports`: one report from the blobs of a sharded audit. Shards are laid end
 * to end in shard order (each is a contiguous slice of the URL list, see shard.ts), their records
 * renumbered into one observation order and their tabs given ids that do not collide, and the
 * report is built by the same buildReport as an unsharded run — so session-wide findings (an
 * endpoint that echoed origins seen by different shards) are found across shards too.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ExchangeRecord } from '../shared/exchange.ts';
import { buildReport, type Report, type ReportShards } from '../shared/report.ts';
import { type AuditBlob, BLOB_FILE, readBlob } from './blob.ts';
import { UsageError } from './options.ts';

export interface MergedRun {
  report: Report;
  records: ExchangeRecord[];
  includeSensitive: boolean;
  /** Shards of the run that no blob covered (1-based). */
  missingShards: number[];
  warnings: string[];
}

/** Blob files named directly, or found (by name, BLOB_FILE) anywhere under a directory; sorted, each once. */
export function findBlobs(inputs: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (d.name === BLOB_FILE) found.push(full);
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      throw new UsageError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!stat.isDirectory()) found.push(input);
    else {
      const before = found.length;
      walk(input);
      if (found.length === before) throw new UsageError(`no ${BLOB_FILE} under ${input}`);
    }
  }
  return [...new Set(found.map((f) => path.resolve(f)))];
}

/** The shards' order, checked: one total for all, each shard once. */
function orderShards(blobs: { file: string; blob: AuditBlob }[]): {
  ordered: typeof blobs;
  shards: ReportShards | null;
} {
  const sharded = blobs.filter((b) => b.blob.shards);
  if (sharded.length === 0) return { ordered: blobs, shards: null };
  if (sharded.length !== blobs.length)
    throw new UsageError(
      `${blobs.find((b) => !b.blob.shards)!.file} is not from a sharded audit; merge the shards of one run only`,
    );
  const totals = new Set(blobs.map((b) => b.blob.shards!.total));
  if (totals.size > 1)
    throw new UsageError(`the blobs come from runs with different shard counts (${[...totals].join(', ')})`);
  const owner = new Map<number, string>();
  for (const { file, blob } of blobs)
    for (const i of blob.shards!.included) {
      if (owner.has(i)) throw new UsageError(`shard ${i} is in both ${owner.get(i)} and ${file}`);
      owner.set(i, file);
    }
  const ordered = [...blobs].sort((a, b) => a.blob.shards!.included[0]! - b.blob.shards!.included[0]!);
  return { ordered, shards: { total: [...totals][0]!, included: [...owner.keys()].sort((a, b) => a - b) } };
}

export function mergeBlobs(blobs: { file: string; blob: AuditBlob }[]): MergedRun {
  if (blobs.length === 0) throw new UsageError('no blobs to merge');
  const { ordered, shards } = orderShards(blobs);
  const warnings: string[] = [];
  const versions = new Set(ordered.map((b) => b.blob.tool.version));
  if (versions.size > 1)
    warnings.push(`the blobs come from different cors-inspector versions (${[...versions].join(', ')})`);

  // Each shard's tabs get fresh ids (in order of appearance) so ids stay unique in the merged report.
  let nextTab = 1;
  const records: ExchangeRecord[] = [];
  const pages: NonNullable<Report['pages']> = [];
  const captureTabs: NonNullable<Report['capture']>['tabs'] = [];
  ordered.forEach(({ blob }, k) => {
    const tabIds = new Map<number, number>();
    const tab = (t: number) => {
      if (t < 0) return t;
      if (!tabIds.has(t)) tabIds.set(t, nextTab++);
      return tabIds.get(t)!;
    };
    const id = (value: string) => {
      const m = /^(-?\d+):(.*)$/.exec(value);
      if (!m) return `${k + 1}/${value}`;
      const t = Number(m[1]);
      return t < 0 ? `${t}:${k + 1}/${m[2]}` : `${tab(t)}:${m[2]}`;
    };
    for (const p of blob.pages) pages.push({ ...p, tabId: p.tabId === null ? null : tab(p.tabId) });
    for (const r of blob.records)
      records.push({
        ...r,
        id: id(r.id),
        tabId: tab(r.tabId),
        preflightCachedFrom: r.preflightCachedFrom === null ? null : id(r.preflightCachedFrom),
      });
    for (const c of blob.capture.tabs) captureTabs.push({ ...c, tabId: tab(c.tabId) });
  });
  const renumbered = records.map((r, i) => ({ ...r, seq: i + 1 }));
  const includeSensitive = ordered.every((b) => b.blob.includeSensitive);
  const first = ordered[0]!.blob;
  const report = buildReport(renumbered, {
    tool: first.tool,
    browser: ordered.find((b) => b.blob.browser.version !== 'unknown')?.blob.browser ?? first.browser,
    includeSensitive,
    capture: { tabs: captureTabs },
  });
  const missingShards = shards
    ? Array.from({ length: shards.total }, (_, i) => i + 1).filter((i) => !shards.included.includes(i))
    : [];
  return {
    report: { ...report, pages, ...(shards ? { shards } : {}) },
    records: renumbered,
    includeSensitive,
    missingShards,
    warnings,
  };
}

export function readAndMerge(inputs: readonly string[]): MergedRun {
  return mergeBlobs(findBlobs(inputs).map((file) => ({ file, blob: readBlob(file) })));
}
