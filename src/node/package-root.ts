/** Locating this package's files (the built extension) from source or from the built dist-node/. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'cors-inspector') return dir;
    if (path.dirname(dir) === dir) throw new Error('cors-inspector: cannot find the package root');
  }
}

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
}

/** The built unpacked extension; CORS_INSPECTOR_DIST overrides it. */
export function extensionDir(): string {
  const dir = process.env.CORS_INSPECTOR_DIST ?? path.join(packageRoot(), 'dist');
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`The extension is not built (${dir}/manifest.json is missing). Run \`npm run build\` first.`);
  }
  return dir;
}
