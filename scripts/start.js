#!/usr/bin/env node
/**
 * `npm start`: serve the demo gallery on loopback and audit it headless (the CLI's default source), then
 * print the table and where the reports are. `npm start -- --headed` opens a visible Chromium
 * with the extension loaded, the demo in its only tab and DevTools open on its CORS panel instead
 * (needs a display), and keeps it open until Ctrl+C.
 * Flags: --headed, --ports APP,API,SITE2 (default: free ports), --out DIR (default: cors-report).
 */
import { parseArgs } from 'node:util';
import { main } from '../dist-node/cli.js';
import { startDemo } from '../dist-node/demo.js';
import { openDemoInDevTools } from '../dist-node/demo-devtools.js';

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
  const window = await openDemoInDevTools(demo.url);
  console.log('Chromium is open on the demo, with DevTools showing the CORS panel. Press Ctrl+C to quit.');
  const quit = async () => {
    await window.close();
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  window.inspector.context.on('close', quit);
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
    `\nOpen ${values.out}/cors-report.md for the write-up, or run \`npm start -- --headed\` to see the demo live in DevTools' CORS panel (it loads the extension itself).`,
  );
  process.exitCode = code;
}
