/**
 * The framework versions every server snippet was run in by the fix-verification suite
 * (test/e2e/fix-verification): the snippet was spliced into a minimal app, the real server was
 * started, and headless Chromium's blocked request passed. Shown by the panel's fix section and the
 * Markdown export. test/e2e/fix-verification/verified-versions.test.ts fails when an installed
 * version differs from this file, so it stays true.
 */

export type SnippetFramework = 'express' | 'fastapi' | 'go' | 'nginx';

export interface VerifiedComponent {
  name: string;
  version: string;
}

export const VERIFIED_VERSIONS: Readonly<Record<SnippetFramework, readonly VerifiedComponent[]>> = {
  express: [
    { name: 'Express', version: '5.3.0' },
    { name: 'cors', version: '2.8.6' },
  ],
  fastapi: [
    { name: 'FastAPI', version: '0.92.0' },
    { name: 'Starlette', version: '0.26.1' },
    { name: 'uvicorn', version: '0.17.6' },
  ],
  go: [{ name: 'Go', version: '1.19.8' }],
  nginx: [{ name: 'nginx', version: '1.22.1' }],
};

const ALL: readonly SnippetFramework[] = ['express', 'fastapi', 'go', 'nginx'];

/** "Express 5.3.0 / cors 2.8.6 / …" for the given frameworks (all four by default). */
export function verifiedAgainst(frameworks: readonly SnippetFramework[] = ALL): string {
  return frameworks
    .flatMap((f) => VERIFIED_VERSIONS[f])
    .map((c) => `${c.name} ${c.version}`)
    .join(' / ');
}
