/** The CORS engine's public surface. Pure: no browser, UI or Node imports (test/unit/architecture.test.ts). */
export { evaluate } from './evaluate.ts';
export { CORS_ERROR_CODES, isCorsErrorCode, type CorsErrorCode } from './reason-codes.ts';
export { EXPLANATIONS } from './explanations.ts';
export { combinedHeader, headerValues } from './headers.ts';
export { originOf, sameOrigin } from './origin.ts';
export type * from './types.ts';
