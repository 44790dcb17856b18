/**
 * The CPU a process tree has used: utime + stime of the process and every descendant, plus what
 * their reaped children used (cutime + cstime), from /proc/<pid>/stat (proc(5)), in milliseconds.
 * Chromium's renderers, GPU and network services are children of its zygotes or of the browser
 * process, so the tree of the browser process is all of Chromium's work.
 */
import fs from 'node:fs';

/** USER_HZ: clock ticks per second in /proc (100 on Linux for every architecture the kernel exports it to user space). */
const TICKS_PER_SECOND = 100;

interface Stat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: string): Stat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited meanwhile
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number) as [number, number, number, number];
  return { pid: Number(pid), ppid: Number(fields[1]), ticks: utime + stime + cutime + cstime };
}

/** CPU milliseconds used so far by `rootPid` and all its descendants. */
export function treeCpuMs(rootPid: number): number {
  const stats = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => readStat(d) ?? []);
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const root = stats.find((s) => s.pid === rootPid);
  const queue = root ? [root] : [];
  for (let s = queue.shift(); s; s = queue.shift()) {
    ticks += s.ticks;
    queue.push(...(children.get(s.pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
