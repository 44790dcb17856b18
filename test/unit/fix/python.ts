/** The Python interpreter the snippet tests execute FastAPI/Python literals with, or null when none runs. */
import { execFileSync } from 'node:child_process';

function findPython(): string | null {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'pass']);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return null;
}

export const PYTHON = findPython();
