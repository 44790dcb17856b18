/** The active CORS probe (Node only, opt-in). The CLI `probe` verb is a thin layer over runProbe. */
export { PROBE_DEFAULTS, ProbeUrlError, type ProbeLimits, type ProbeOptions } from './options.ts';
export { PREFLIGHT_METHOD, SPECIAL_CHARACTERS } from './payloads.ts';
export {
  PROBE_NOTICE,
  probeFindingsByUrl,
  runProbe,
  type ProbeAttempt,
  type ProbeProgress,
  type ProbeResult,
  type ProbeRunOptions,
  type ProbeTarget,
} from './run-probe.ts';
export { PROBE_USER_AGENT, type ProbeFetch } from './transport.ts';
