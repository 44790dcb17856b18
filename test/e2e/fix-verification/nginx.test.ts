import { nginxHarness } from '../support/frameworks/nginx.ts';
import { verifyFixes } from './verify-framework.ts';

await verifyFixes(nginxHarness);
