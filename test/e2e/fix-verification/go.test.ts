import { goHarness } from '../support/frameworks/go.ts';
import { verifyFixes } from './verify-framework.ts';

await verifyFixes(goHarness);
