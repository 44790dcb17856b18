import { fastapiHarness } from '../support/frameworks/fastapi.ts';
import { verifyFixes } from './verify-framework.ts';

await verifyFixes(fastapiHarness);
