import { expressHarness } from '../support/frameworks/express.ts';
import { verifyFixes } from './verify-framework.ts';

await verifyFixes(expressHarness);
