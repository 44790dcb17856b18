#!/usr/bin/env node
// The CLI entry: the code lives in dist-node/cli.js (built by `npm run build`).
import { main } from '../dist-node/cli.js';

// `cors-inspector --help | head`: a reader that went away is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });

process.exitCode = await main(process.argv.slice(2));
