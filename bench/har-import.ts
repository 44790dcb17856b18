/**
 * `npm run bench:har`: how `analyze` scales. Writes two HARs built from the recorded Chrome DevTools
 * export of the demo gallery (test/fixtures/har/), each entry copied with its own URLs and times:
 * 100 000 entries without bodies, and about 150 MB of 25 000 entries with 3 KB bodies (what makes
 * real HARs big). Each is then imported in a fresh Node process (so its peak RSS is its own), once
 * through the importer alone and once through `analyze` (report included), and the wall time, the
 * process's peak RSS and the counts are printed. Wall time follows the machine's load (printed);
 * CPU time much less so.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze } from '../src/cli/analyze.ts';
import { importHarStream } from '../src/har-import/index.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../test/fixtures/har/gallery-chrome-devtools.har');

interface Measured {
  ms: number;
  /** User + system CPU time: what the work costs, whatever else the machine runs meanwhile. */
  cpuMs: number;
  peakRssMb: number;
  exchanges: number;
  blocked: number;
}

/** Writes `n` entries (copies of the fixture's, each copy under its own path and second). */
function writeHar(file: string, n: number, bodyBytes: number): number {
  const source = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  const entries: { request: { url: string }; response: { redirectURL: string; content: { text?: string } } }[] =
    source.log.entries;
  const body = 'x'.repeat(bodyBytes);
  const fd = fs.openSync(file, 'w');
  const { entries: _, ...log } = source.log;
  fs.writeSync(fd, `${JSON.stringify({ log }).slice(0, -2)},"entries":[\n`);
  for (let i = 0; i < n; i++) {
    const copy = Math.floor(i / entries.length);
    const text = JSON.stringify(entries[i % entries.length])
      .replaceAll('/s/', `/s${copy}/`)
      .replace(/"startedDateTime":"([^"]+)"/, (_m, d: string) => {
        return `"startedDateTime":"${new Date(Date.parse(d) + copy * 1000).toISOString()}"`;
      });
    const e = JSON.parse(text);
    if (bodyBytes) e.response.content.text = body;
    fs.writeSync(fd, `${i ? ',\n' : ''}${JSON.stringify(e, null, 1)}`);
  }
  fs.writeSync(fd, ']}}\n');
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

async function measure(mode: 'import' | 'analyze', file: string): Promise<Measured> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let exchanges = 0;
  let blocked = 0;
  if (mode === 'import') {
    const { records } = await importHarStream(fs.createReadStream(file));
    exchanges = records.length;
    blocked = records.filter((r) => r.evaluation.verdict === 'blocked').length;
  } else {
    const { report } = await analyze([file], false);
    exchanges = report.summary.exchanges;
    blocked = report.summary.blocked;
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    exchanges,
    blocked,
  };
}

function inChild(mode: 'import' | 'analyze', file: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, ['--child', mode, file], { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as Measured));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`${mode} ${file} exited ${code}`)));
  });
}

async function main(): Promise<void> {
  const [flag, mode, file] = process.argv.slice(2);
  if (flag === '--child') {
    const measured = await measure(mode as 'import' | 'analyze', file!);
    // Run by hand (`node dist-node/bench-har.js --child import FILE`), it prints instead.
    if (process.send) process.send(measured);
    else console.log(measured);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-bench-har-'));
  try {
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    console.log(`node ${process.version}, ${os.cpus().length} × ${cpu}, load average ${os.loadavg()[0]!.toFixed(1)}`);
    for (const [name, n, body] of [
      ['100k-entries.har', 100_000, 0],
      ['150mb.har', 25_000, 3 * 1024],
    ] as const) {
      const file = path.join(dir, name);
      const size = writeHar(file, n, body);
      console.log(`\n${name}: ${n.toLocaleString('en-US')} entries, ${(size / 1e6).toFixed(0)} MB`);
      for (const m of ['import', 'analyze'] as const) {
        const r = await inChild(m, file);
        console.log(
          `  ${m.padEnd(8)} ${(r.ms / 1000).toFixed(1).padStart(6)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s)   peak RSS ${String(r.peakRssMb).padStart(5)} MB   ${r.exchanges.toLocaleString('en-US')} exchanges, ${r.blocked.toLocaleString('en-US')} blocked`,
        );
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
