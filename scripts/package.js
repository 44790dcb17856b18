#!/usr/bin/env node
/**
 * `npm run package` (after `npm run build`): the zips the two stores take, in artifacts/.
 * - cors-inspector-<version>-firefox.zip: dist-firefox/, for addons.mozilla.org;
 * - cors-inspector-<version>-chrome.zip: dist/, for the Chrome Web Store;
 * - cors-inspector-<version>-source.zip: the committed sources (git archive HEAD), which AMO asks
 *   for when the add-on's code is bundled, with the README's build steps.
 * Both extension zips are made with web-ext's build command, Mozilla's own packager (files at the
 * zip's root, the manifest's name and version checked); it packs a Chromium build just the same.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cmd } from 'web-ext';

const root = path.resolve(import.meta.dirname, '..');
const artifacts = path.join(root, 'artifacts');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const builds = [
  { dir: 'dist-firefox', store: 'firefox' },
  { dir: 'dist', store: 'chrome' },
];
for (const { dir, store } of builds) {
  const sourceDir = path.join(root, dir);
  if (!fs.existsSync(path.join(sourceDir, 'manifest.json'))) {
    console.error(`${dir}/manifest.json is missing: run npm run build first.`);
    process.exit(2);
  }
  const { extensionPath } = await cmd.build(
    { sourceDir, artifactsDir: artifacts, filename: `cors-inspector-${version}-${store}.zip`, overwriteDest: true },
    { showReadyMessage: false },
  );
  console.log(`${store}: ${path.relative(root, extensionPath)}`);
}
const source = path.join(artifacts, `cors-inspector-${version}-source.zip`);
execFileSync('git', ['archive', '--format=zip', `--output=${source}`, 'HEAD'], { cwd: root });
console.log(`source: ${path.relative(root, source)}`);
