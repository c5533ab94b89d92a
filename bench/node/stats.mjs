// Small helpers shared by the bench scripts.
import { readFileSync } from 'node:fs';

export function median(values) {
  const v = values.filter(x => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Nearest-rank percentile, q in [0, 1]. */
export function percentile(values, q) {
  const v = values.filter(x => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
}

/** --key value / --flag pairs over defaults; a flag with no value becomes true. */
export function parseArgs(argv, defaults = {}) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else { out[key] = next; i++; }
  }
  return out;
}

export const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/**
 * CPU accounting from /proc (Linux): machine-wide busy and total jiffies, and the jiffies used by the given pids.
 * Two snapshots give the share of the machine that *other* processes used in between, which tells whether a run
 * on a shared VM was disturbed. Returns null where /proc is missing.
 */
export function cpuSnapshot(pids) {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    const total = user + nice + system + idle + iowait + irq + softirq + (steal || 0);
    let own = 0;
    for (const pid of pids) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
      own += Number(after[11]) + Number(after[12]) + Number(after[13]) + Number(after[14]); // utime stime cutime cstime
    }
    return { total, busy: total - idle - iowait, own, steal: steal || 0 };
  } catch {
    return null;
  }
}

/** Percent of the whole machine (all cores) busy with other processes between two snapshots; steal counts as busy. */
export function backgroundCpuPercent(before, after) {
  if (!before || !after || after.total <= before.total) return null;
  const other = (after.busy - before.busy) - (after.own - before.own);
  return Math.max(0, (100 * other) / (after.total - before.total));
}
