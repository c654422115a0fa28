/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per file:function, largest first,
 * so a missed target can be traced to where the time goes.
 */
import * as fs from 'fs';
import * as path from 'path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  where: string;
  selfMs: number;
  percent: number;
}

export function summariseProfile(file: string, root: string, top: number, byFile = false): HotSpot[] {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const n = byId.get(id);
    if (!n) return;
    const { functionName, url, lineNumber } = n.callFrame;
    let where = url ? url.replace(/^file:\/\//, '') : '';
    // Compiled sources map back to their .ts names by path; node_modules stay as the package.
    const ours = /node_modules\/\.cache\/poolshare-bench\//.test(where);
    if (ours) where = where.replace(/.*node_modules\/\.cache\/poolshare-bench\//, '').replace(/\.js$/, '.ts');
    else where = where.startsWith(root) ? path.relative(root, where) : where.replace(/.*node_modules\//, 'node_modules/');
    // Line numbers are the compiled JavaScript's (no source maps applied): a hint, the function name is the key.
    const key = byFile ? where || functionName || '(program)' : where ? `${where}:${functionName || '(anonymous)'} (js line ${lineNumber + 1})` : functionName || '(program)';
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: Math.round(us / 100) / 10, percent: total ? Math.round((us / total) * 1000) / 10 : 0 }));
}
