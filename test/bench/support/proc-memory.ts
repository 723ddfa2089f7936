/**
 * A process's memory as the kernel sees it, read from outside (Linux /proc):
 * no hook in the measured process, so what is measured is what runs; and a
 * launcher's process tree, to check which process that is.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcMemory {
  /** Resident set now (VmRSS), MiB. */
  rssMiB: number;
  /** Highest resident set since the process started (VmHWM), MiB. */
  peakRssMiB: number;
}

function kbField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc status has no ${field}`);
  return Number(match[1]);
}

/** VmRSS and VmHWM of a live process. Throws when it is gone. */
export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMiB: kbField(status, 'VmRSS') / 1024, peakRssMiB: kbField(status, 'VmHWM') / 1024 };
}

/** The arguments a process was started with (empty when it is gone or a kernel thread). */
export function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/** Every live descendant of `root`, each with its depth below it (children are 1). */
export function descendants(root: number): { pid: number; depth: number }[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== null) parents.set(pid, parent);
  }
  const found: { pid: number; depth: number }[] = [];
  for (const pid of parents.keys()) {
    let depth = 0;
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = parents.get(at)) {
      if (at === root && depth > 0) {
        found.push({ pid, depth });
        break;
      }
      depth += 1;
    }
  }
  return found;
}

/** CPU time a live process has used (user + system), in seconds: fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
