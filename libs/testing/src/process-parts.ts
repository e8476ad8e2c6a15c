import { readdirSync, readFileSync } from 'node:fs';

export interface Part {
  pid: number;
  /** PROCESS_ROLES of the part's environment. */
  roles: string;
}

/**
 * The processes the back office forked for its other roles (PROCESS_LAYOUT=separate), by Linux /proc: those whose
 * parent is `parentPid` and whose environment names their PROCESS_ROLES. Sorted by roles.
 */
export function partsOf(parentPid: number): Part[] {
  const parts: Part[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid !== parentPid) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const roles = environ.find((line) => line.startsWith('PROCESS_ROLES='))?.slice('PROCESS_ROLES='.length);
      if (roles) parts.push({ pid: Number(entry), roles });
    } catch {
      // the process ended while being read
    }
  }
  return parts.sort((a, b) => a.roles.localeCompare(b.roles));
}
