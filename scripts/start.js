#!/usr/bin/env node
/**
 * `npm start`: serve the demo gallery on loopback and audit it headless (the CLI's default source), then
 * print the table and where the reports are. `npm start -- --headed` opens a visible Chromium
 * with DevTools instead (needs a display), and keeps it open until Ctrl+C.
 * Flags: --headed, --ports APP,API,SITE2 (default: free ports), --out DIR (default: cors-report).
 */
import { parseArgs } from 'node:util';
import { main } from '../dist-node/cli.js';
import { startDemo } from '../dist-node/demo.js';
import { launchInspector } from '../dist-node/node.js';

const { values } = parseArgs({
  options: { headed: { type: 'boolean' }, ports: { type: 'string' }, out: { type: 'string', default: 'cors-report' } },
});
const ports = values.ports?.split(',').map(Number);
if (ports && (ports.length !== 3 || ports.some((p) => !Number.isInteger(p) || p < 0 || p > 65535))) {
  console.error('--ports takes three port numbers: APP,API,SITE2 (e.g. 8080,8081,8082)');
  process.exit(2);
}

const demo = await startDemo({ ports });
console.log(`Demo gallery: ${demo.url} (APIs on ${demo.origins.api} and ${demo.origins.site2})`);

if (values.headed) {
  // The panel is the extension's: record through it, with DevTools open.
  const inspector = await launchInspector({
    source: 'extension',
    headless: false,
    args: ['--auto-open-devtools-for-tabs'],
  });
  const page = await inspector.newPage();
  await page.goto(demo.url);
  console.log('Chromium is open with DevTools: choose the "CORS" panel (» menu if hidden). Press Ctrl+C to quit.');
  const quit = async () => {
    await inspector.close();
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  inspector.context.on('close', quit);
} else {
  const code = await main([
    'audit',
    demo.url,
    '--out',
    values.out,
    '--format',
    'json,md,junit,har',
    '--fail-on',
    'never',
  ]);
  await demo.close();
  console.log(
    `\nOpen ${values.out}/cors-report.md for the write-up, or load the extension (dist/) in Chromium and run \`npm start -- --headed\` to see it live.`,
  );
  process.exitCode = code;
}
