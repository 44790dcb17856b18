/**
 * src/cors/verified-versions.ts names the versions the snippets were verified against; it must stay
 * true. A framework that is not installed here is skipped (with the reason), never passed.
 */
import { expect, it } from 'vitest';
import { VERIFICATION } from '../../../src/cors/verified-versions.ts';
import { HARNESSES } from '../support/frameworks/index.ts';

for (const harness of HARNESSES) {
  const toolchain = await harness.probe();
  const skipped = toolchain.ok ? '' : ` (SKIPPED: ${toolchain.reason})`;
  it.skipIf(!toolchain.ok)(
    `${harness.label}: the installed versions are the ones in verified-versions.ts${skipped}`,
    () => {
      const v = VERIFICATION[harness.framework];
      expect(toolchain.ok && toolchain.components).toEqual(v.verified ? v.components : 'not verified');
    },
  );
}
