/**
 * The house's rules, checked on the source with the TypeScript parser (comments and strings never
 * count: snippets quote other languages' imports). Each room (a folder of src/) may import only the
 * rooms and packages docs/architecture.md lists for it; only src/platform touches the extension
 * APIs (`chrome.*`, `browser.*`); src/cors, the engine, imports nothing outside itself. Also: every
 * reason code has an explanation.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXPLANATIONS } from '../../src/cors/explanations.ts';
import { CORS_ERROR_CODES } from '../../src/cors/reason-codes.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');
const EXTENSION_GLOBALS = new Set(['chrome', 'browser']);

type Room =
  | 'cors'
  | 'shared'
  | 'har-import'
  | 'platform'
  | 'background'
  | 'content'
  | 'devtools'
  | 'node'
  | 'cli'
  | 'probe'
  | 'mcp'
  | 'demo';

interface RoomRule {
  /** Other rooms it may import (its own always). */
  rooms: Room[];
  /** Rooms it may import types from only (erased at build time). */
  typeRooms?: Room[];
  /** npm packages it may import (`node:` modules where listed as 'node:'). */
  packages: string[];
  /** May call chrome.* / browser.* at run time. */
  extensionApis?: boolean;
}

const NODE_ROOMS: Room[] = ['cors', 'shared', 'har-import', 'node', 'cli', 'probe', 'mcp'];

/** The table in docs/architecture.md, "Rooms and their import rules". */
const ROOM_RULES: Record<Room, RoomRule> = {
  cors: { rooms: [], packages: [] },
  shared: { rooms: ['cors'], packages: [] },
  'har-import': { rooms: ['cors', 'shared'], packages: ['@streamparser/json'] },
  platform: { rooms: ['shared'], packages: ['webextension-polyfill'], extensionApis: true },
  background: { rooms: ['cors', 'shared', 'har-import'], typeRooms: ['platform'], packages: [] },
  content: { rooms: ['shared', 'platform'], typeRooms: ['cors'], packages: [] },
  devtools: {
    rooms: ['cors', 'shared', 'har-import', 'platform'],
    packages: ['preact', '@preact/signals', '@tanstack/virtual-core'],
  },
  node: { rooms: ['cors', 'shared'], packages: ['node:', 'playwright-core', '@playwright/test'] },
  cli: { rooms: NODE_ROOMS, packages: ['node:', 'commander', 'playwright-core', 'cli-progress', 'saxes'] },
  probe: { rooms: NODE_ROOMS, packages: ['node:', '@modelcontextprotocol/sdk'] },
  mcp: { rooms: NODE_ROOMS, packages: ['node:', '@modelcontextprotocol/sdk', 'zod'] },
  demo: { rooms: ['cors', 'shared', 'node', 'cli'], packages: ['node:', 'playwright-core'] },
};

/** The entry files that hand the real browser (and the built content scripts) to the worker: one per browser. */
const EXCEPTIONS: Record<string, { rooms: Room[] }> = {
  'background/index.ts': { rooms: ['platform'] },
  'background/firefox.ts': { rooms: ['platform'] },
  'background/start-background.ts': { rooms: ['platform', 'content'] },
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(d.name) ? [full] : [];
  });
}

const roomOf = (file: string): Room => path.relative(SRC, file).split(path.sep)[0] as Room;

interface Import {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

interface Parsed {
  imports: Import[];
  /** Lines where chrome.* / browser.* is used. */
  extensionUses: { line: number; what: string }[];
  dynamicComputed: number[];
}

/** Module specifiers (static, re-export, dynamic import, require, import types) and extension-API uses. */
function parse(file: string, text: string): Parsed {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: Parsed = { imports: [], extensionUses: [], dynamicComputed: [] };
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const add = (node: ts.Node, specifier: string, typeOnly: boolean) =>
    out.imports.push({ specifier, typeOnly, line: lineOf(node) });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause?.isTypeOnly ||
        (!!clause &&
          !clause.name &&
          !!clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      add(node, node.moduleSpecifier.text, typeOnly && !!clause);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node, node.moduleReference.expression.text, false);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) add(node, arg.text, false);
      else out.dynamicComputed.push(lineOf(node));
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node, node.argument.literal.text, true);
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const root = node.expression;
      if (ts.isIdentifier(root) && EXTENSION_GLOBALS.has(root.text))
        out.extensionUses.push({ line: lineOf(node), what: `uses ${root.text}.*` });
      if (
        ts.isPropertyAccessExpression(node) &&
        ts.isIdentifier(root) &&
        root.text === 'globalThis' &&
        EXTENSION_GLOBALS.has(node.name.text)
      )
        out.extensionUses.push({ line: lineOf(node), what: `uses globalThis.${node.name.text}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Everything in `file` that breaks its room's rule, as "file:line what". */
function violations(file: string, text: string): string[] {
  const rel = path.relative(SRC, file);
  const room = roomOf(file);
  const rule = ROOM_RULES[room];
  if (!rule) return [`${rel}: ${room} is not a room in the table`];
  const exception = EXCEPTIONS[rel.split(path.sep).join('/')];
  const parsed = parse(file, text);
  const found: string[] = [];
  for (const imp of parsed.imports) {
    const where = `${rel}:${imp.line}`;
    if (imp.specifier.startsWith('.')) {
      const target = path.resolve(path.dirname(file), imp.specifier.replace(/\?.*$/, ''));
      if (!target.startsWith(SRC + path.sep)) {
        // Outside src/ a room reads only package.json (the version shown in exports) and the
        // report's JSON schema (the MCP tools' output schemas are read from it, not written twice).
        const readable = [path.resolve(SRC, '../package.json'), path.resolve(SRC, '../docs/report.schema.json')];
        if (!readable.includes(target)) found.push(`${where} imports '${imp.specifier}'`);
        continue;
      }
      const to = roomOf(target);
      if (to === room) continue;
      const allowed =
        rule.rooms.includes(to) || (imp.typeOnly && rule.typeRooms?.includes(to)) || exception?.rooms.includes(to);
      if (!allowed) found.push(`${where} imports ${imp.typeOnly ? 'types from ' : ''}'${imp.specifier}' (room ${to})`);
    } else {
      const pkg = imp.specifier.startsWith('node:')
        ? 'node:'
        : imp.specifier.startsWith('@')
          ? imp.specifier.split('/').slice(0, 2).join('/')
          : imp.specifier.split('/')[0]!;
      // Type-only imports of packages (chrome's types, har-format) cost nothing at run time.
      if (!imp.typeOnly && !rule.packages.includes(pkg)) found.push(`${where} imports '${imp.specifier}'`);
    }
  }
  if (!rule.extensionApis) for (const u of parsed.extensionUses) found.push(`${rel}:${u.line} ${u.what}`);
  for (const line of parsed.dynamicComputed) found.push(`${rel}:${line} a dynamic import of a computed module`);
  return found;
}

const files = sourceFiles(SRC);

describe('each room imports only what docs/architecture.md allows', () => {
  it('has source files in every room', () => {
    for (const room of Object.keys(ROOM_RULES))
      expect(files.filter((f) => roomOf(f) === room).length, room).toBeGreaterThan(0);
  });

  it.each(Object.keys(ROOM_RULES))('%s', (room) => {
    const mine = files.filter((f) => roomOf(f) === room);
    expect(mine.flatMap((f) => violations(f, fs.readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('and every folder of src/ is a room in the table', () => {
    const folders = fs
      .readdirSync(SRC, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual(Object.keys(ROOM_RULES).sort());
  });

  it('the check itself catches what it forbids', () => {
    const offending = [
      "import { h } from 'preact';",
      "import fs from 'node:fs';",
      "import browserApi from 'webextension-polyfill';",
      "export { x } from '../shared/exchange.ts';",
      "const m = await import('../background/index.ts');",
      "import type { T } from '../platform/worker.ts';",
      'chrome.runtime.sendMessage({});',
      'browser.tabs.query({});',
      'globalThis.chrome;',
      "// import x from 'preact'; chrome.tabs — comments do not count",
      'const s = "import cors from \'cors\'; browser.x";',
    ].join('\n');
    expect(violations(path.join(SRC, 'cors', 'probe.ts'), offending).map((v) => v.replace(/^[^ ]+ /, ''))).toEqual([
      "imports 'preact'",
      "imports 'node:fs'",
      "imports 'webextension-polyfill'",
      "imports '../shared/exchange.ts' (room shared)",
      "imports '../background/index.ts' (room background)",
      "imports types from '../platform/worker.ts' (room platform)",
      'uses chrome.*',
      'uses browser.*',
      'uses globalThis.chrome',
    ]);
    // A room's type-only allowance does not let values through.
    expect(
      violations(
        path.join(SRC, 'background', 'x.ts'),
        "import { chromeWebRequest } from '../platform/web-request.ts';",
      ),
    ).toEqual(["background/x.ts:1 imports '../platform/web-request.ts' (room platform)"]);
  });
});

describe('the browser boundary', () => {
  it('chrome.* and browser.* are called in src/platform only', () => {
    const callers = files.filter((f) => parse(f, fs.readFileSync(f, 'utf8')).extensionUses.length > 0);
    expect(callers.map((f) => path.relative(SRC, f)).every((f) => f.startsWith('platform'))).toBe(true);
    // Measured for issue 11: at most six files call the extension APIs at run time.
    expect(callers.length).toBeLessThanOrEqual(6);
  });

  it('webextension-polyfill is imported by src/platform/worker.ts and nowhere else', () => {
    const importers = files.filter((f) => /from ['"]webextension-polyfill['"]/.test(fs.readFileSync(f, 'utf8')));
    expect(importers.map((f) => path.relative(SRC, f))).toEqual(['platform/worker.ts']);
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
