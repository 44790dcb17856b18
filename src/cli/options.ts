/**
 * Parsing and validating the CLI's option values. Every bad value is a UsageError (exit 2) that
 * names the option, what it takes and what it got; nothing is accepted silently.
 */
import { InvalidArgumentError } from 'commander';
import type { InspectorSource } from '../node/inspector.ts';
import { printable } from './table.ts';

export class UsageError extends Error {}

/** A whole number of at least `min` (`--timeout-ms 0` would end every page at once). */
export function wholeNumber(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} takes a whole number of at least ${min} (got '${printable(value)}')`);
    return n;
  };
}

/** A finite number above 0 (a rate). */
export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${name} takes a number above 0 (got '${printable(value)}')`);
    return n;
  };
}

/** Who records an audit (--source): the Node API's sources. */
export function captureSource(value: string): InspectorSource {
  if (value !== 'cdp' && value !== 'extension')
    throw new InvalidArgumentError(`--source takes 'cdp' or 'extension' (got '${printable(value)}')`);
  return value;
}

export function httpUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`'${printable(value)}' is not a URL (write it in full, e.g. http://127.0.0.1:8080/)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`'${printable(value)}' is not an http(s) URL`);
  return u.href;
}

/** A repeatable option's values collected in order. */
export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
}

/** A JavaScript regular expression, matched anywhere in a URL. */
export function urlRegExp(name: string) {
  return (value: string): RegExp => {
    try {
      return new RegExp(value);
    } catch (e) {
      throw new InvalidArgumentError(
        `${name} takes a regular expression matched against the URL (${(e as Error).message})`,
      );
    }
  };
}

/** The --shard option: `i/n` with 1 ≤ i ≤ n, as `playwright test --shard`. */
export interface Shard {
  current: number;
  total: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const current = Number(m?.[1]);
  const total = Number(m?.[2]);
  if (!m || total < 1 || current < 1 || current > total)
    throw new InvalidArgumentError(
      `--shard takes i/n with 1 ≤ i ≤ n, e.g. 2/4 for the second of four shards (got '${printable(value)}')`,
    );
  return { current, total };
}
