/** Every framework the snippets are verified in, in the order the panel lists them. */
import { expressHarness } from './express.ts';
import { fastapiHarness } from './fastapi.ts';
import { goHarness } from './go.ts';
import { nginxHarness } from './nginx.ts';
import type { FrameworkHarness } from './types.ts';

export const HARNESSES: readonly FrameworkHarness[] = [expressHarness, fastapiHarness, goHarness, nginxHarness];
