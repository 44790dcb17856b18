/**
 * The engine stays pure: nothing under src/cors may import from outside src/cors (no Preact, no
 * `node:` modules, no webextension-polyfill, no other room) or touch the extension APIs (`chrome.*`,
 * `browser.*`). Read with the TypeScript parser, so comments and strings (snippets quote other
 * languages' imports) never count. Also: every reason code has an explanation.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../src/cors/explanations.ts';
import { CORS_ERROR_CODES } from '../../src/cors/reason-codes.ts';

const CORS_DIR = path.resolve(import.meta.dirname, '../../src/cors');
const EXTENSION_GLOBALS = new Set(['chrome', 'browser']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(d.name) ? [full] : [];
  });
}

interface Violation {
  file: string;
  line: number;
  what: string;
}

/** Module specifiers (static, re-export, dynamic import, require) and extension-API uses in one file's text. */
function violations(file: string, text: string): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Violation[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push({
      file: path.relative(CORS_DIR, file),
      line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      what,
    });
  const checkSpecifier = (node: ts.Node, specifier: string) => {
    const resolved = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : null;
    if (!resolved || !(resolved === CORS_DIR || resolved.startsWith(CORS_DIR + path.sep)))
      at(node, `imports '${specifier}'`);
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      checkSpecifier(node, node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      checkSpecifier(node, node.moduleReference.expression.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) checkSpecifier(node, arg.text);
      else at(node, 'a dynamic import of a computed module');
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      checkSpecifier(node, node.argument.literal.text);
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const root = node.expression;
      if (ts.isIdentifier(root) && EXTENSION_GLOBALS.has(root.text)) at(node, `uses ${root.text}.*`);
      if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(root) &&
        root.text === 'globalThis' &&
        EXTENSION_GLOBALS.has(node.name.text)
      )
        at(node, `uses globalThis.${node.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('src/cors is a pure engine', () => {
  const files = sourceFiles(CORS_DIR);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports nothing outside src/cors and never touches chrome.* or browser.*', () => {
    expect(files.flatMap((f) => violations(f, fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('the check itself catches what it forbids', () => {
    const offending = [
      "import { h } from 'preact';",
      "import fs from 'node:fs';",
      "import browserApi from 'webextension-polyfill';",
      "export { x } from '../shared/exchange.ts';",
      "const m = await import('../background/index.ts');",
      'chrome.runtime.sendMessage({});',
      'browser.tabs.query({});',
      'globalThis.chrome;',
      "// import x from 'preact'; chrome.tabs — comments do not count",
      'const s = "import cors from \'cors\'; browser.x";',
    ].join('\n');
    expect(violations(path.join(CORS_DIR, 'probe.ts'), offending).map((v) => v.what)).toEqual([
      "imports 'preact'",
      "imports 'node:fs'",
      "imports 'webextension-polyfill'",
      "imports '../shared/exchange.ts'",
      "imports '../background/index.ts'",
      'uses chrome.*',
      'uses browser.*',
      'uses globalThis.chrome',
    ]);
  });
});

describe('every reason code has an explanation', () => {
  it.each(CORS_ERROR_CODES)('%s', (code) => {
    const text = EXPLANATIONS[code];
    expect(text, code).toBeDefined();
    expect(text.title.length).toBeGreaterThan(0);
  });

  it('and no explanation is for a code that does not exist', () => {
    expect(Object.keys(EXPLANATIONS).sort()).toEqual([...CORS_ERROR_CODES].sort());
  });
});

describe('webextension-polyfill', () => {
  it('is imported by src/platform/worker.ts and nowhere else', () => {
    const SRC = path.resolve(import.meta.dirname, '../../src');
    const importers = sourceFiles(SRC).filter((f) =>
      /from ['"]webextension-polyfill['"]/.test(fs.readFileSync(f, 'utf8')),
    );
    expect(importers.map((f) => path.relative(SRC, f))).toEqual(['platform/worker.ts']);
  });
});
