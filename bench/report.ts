/**
 * The benchmark's last JSON line as Markdown tables, for docs/bench.md and the README:
 *   npm run bench | tail -1 > /tmp/bench.json
 *   node node_modules/.cache/poolshare-bench/bench/report.js /tmp/bench.json
 */
import * as fs from 'fs';

type F = Record<string, unknown>;
const n = (f: unknown, k: string): number | null => {
  const v = (f as F | undefined)?.[k];
  return typeof v === 'number' ? v : null;
};
const ms = (x: number | null) => (x === null ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x < 10 ? x.toFixed(2) : Math.round(x)} ms`);
const mb = (x: number | null) => (x === null ? '–' : `${Math.round(x)} MB`);

export function markdown(r: F): string {
  const m = r.machine as F;
  const e = r.engine as Record<string, F>;
  const fm = r.formulaModel as Record<string, F>;
  const fl = r.floatFloor as Record<string, F>;
  const w = r.wholeProcess100k as F;
  const a = r.addin10k as F;
  const rs = r.riskshare1000 as F;
  const b = r.bundle as F;
  const rat = r.ratios as F & { cpu: F };
  const t = r.targets as Record<string, { value: number | null; limit: number; unit: string; verdict: string }>;
  const load = (m.loadAtStart as number[] | undefined)?.join(', ') ?? '?';
  const lines: string[] = [];
  lines.push(`Run ${String(r.date).slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores, ${m.cpu}, ${m.memGB} GB, Node ${m.node}, ${m.platform}; load average at the start ${load}.`);
  lines.push('');
  lines.push('| contribution rows | 1,000 | 10,000 | 100,000 |');
  lines.push('|---|---:|---:|---:|');
  const row = (label: string, get: (k: string) => string) => lines.push(`| ${label} | ${get('1000')} | ${get('10000')} | ${get('100000')} |`);
  row('engine: parse + validate + run, best (median)', (k) => (e[k] ? `${ms(n(e[k], 'minMs'))} (${ms(n(e[k], 'ms'))})` : '–'));
  row('engine CPU time, best', (k) => ms(n(e[k], 'minCpuMs')));
  row('engine peak RSS (its own process, workbook loaded)', (k) => mb(n(e[k], 'peakRssMB')));
  row('formula model (HyperFormula SUMIFS), best', (k) => ms(n(fm?.[k], 'minMs')));
  row('float floor, best', (k) => ms(n(fl?.[k], 'minMs')));
  row('formula model: pools whose rounded allocations miss the variance', (k) => {
    const p = fm?.[k]?.penniesOff as F | undefined;
    return p ? `${p.off} of ${p.pools}` : '–';
  });
  lines.push('');
  lines.push(`Whole \`poolshare run FILE.json --json\` on 100k rows (${n(w, 'inputMB') ?? '?'} MB in): wall ${ms(n(w, 'minWallMs'))} best, ${ms(n(w, 'wallMs'))} median, CPU ${ms(n(w, 'minCpuMs'))}, peak RSS ${mb(n(w, 'peakRssMB'))}.`);
  lines.push(`Ratios (wall, best): engine/formula at 10k ${rat.engineOverFormula10k ?? '–'}, engine/floor at 10k ${rat.engineOverFloor10k ?? '–'}, growth 10k→100k ${rat.growth10kTo100k ?? '–'}; on CPU time ${rat.cpu?.engineOverFormula10k ?? '–'}, ${rat.cpu?.engineOverFloor10k ?? '–'}, ${rat.cpu?.growth10kTo100k ?? '–'}.`);
  lines.push(`Add-in on the 10k workbook (Excel fake): Validate ${n(a, 'validateRead')} + ${n(a, 'validateWrite')} syncs (${ms(n(a, 'validateMs'))}), Build schedules ${n(a, 'scheduleRead')} + ${n(a, 'scheduleWrite')} syncs (${ms(n(a, 'scheduleMs'))}, ${n(a, 'sheetsWritten')} sheets), writes to the user's sheets: ${n(a, 'userSheetWrites')}.`);
  lines.push(`POOL.RISKSHARE on ${n(rs, 'rows')} rows: ${ms(n(rs, 'ms'))} median, ${ms(n(rs, 'coldMs'))} first call. Add-in bundle: ${n(b, 'totalKB')} KB minified (${n(b, 'gzipKB')} KB gzipped), ${JSON.stringify(b.files ?? {})}; packages ${JSON.stringify(b.packages ?? {})}; ${n(b, 'violationCount') ?? '?'} dependency/network issues.`);
  lines.push('');
  lines.push('| target | value | limit | verdict |');
  lines.push('|---|---:|---:|---|');
  for (const [id, x] of Object.entries(t)) lines.push(`| ${id} | ${x.value ?? '–'} ${x.unit} | ${x.limit} ${x.unit} | ${x.verdict} |`);
  return lines.join('\n');
}

if (require.main === module) {
  const text = fs.readFileSync(process.argv[2] ?? 0, 'utf8').trim().split('\n').pop()!;
  process.stdout.write(markdown(JSON.parse(text) as F) + '\n');
}
