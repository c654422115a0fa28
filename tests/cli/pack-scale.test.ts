/**
 * The committee pack at scale (issue 22 item 4): its size grows linearly with the workbook (no
 * line × partner grid for a pool too wide for A4: its contributions by partner instead), and a
 * size limit stops it with a plain message. Sizes, not times: deterministic.
 */
import { monitor } from '../../src/engine';
import type { RawRow } from '../../src/engine';
import { PackTooLarge, SizeLimit, buildPack } from '../../src/cli/report';

/** One pool of n lines and n partners: line i funded by partner i (gross 1,000; income 100 on the first). */
function wide(n: number): { tables: Record<string, RawRow[]> } {
  const code = (i: number) => `P${String(i).padStart(5, '0')}`;
  const Partners: RawRow[] = [];
  const Lines: RawRow[] = [];
  const Contributions: RawRow[] = [];
  const Forecasts: RawRow[] = [];
  for (let i = 0; i < n; i++) {
    Partners.push({ Partner: code(i), Name: `Partner ${i}` });
    Lines.push({ Pool: 'BIG', Line: `Line ${i}`, Forecast: 1000 });
    Contributions.push({ Pool: 'BIG', Line: `Line ${i}`, Partner: code(i), Gross: 1000, Income: i === 0 ? 100 : 0 });
    Forecasts.push({ Pool: 'BIG', Line: `Line ${i}`, Period: '2025-06', Forecast: 1001 });
  }
  return {
    tables: {
      Partners, Lines, Contributions, Forecasts,
      Pools: [{ Pool: 'BIG', Kind: 'pooled', Host: code(0), Method: 'proportional' }],
      Settings: [{ Setting: 'Year start', Value: '2025-04' }],
    },
  };
}

describe('the pack grows linearly', () => {
  test('four times the lines and partners make about four times the pack, not sixteen', async () => {
    const small = wide(250);
    const large = wide(1000);
    const a = await buildPack(small, monitor(small));
    const b = await buildPack(large, monitor(large));
    // A line × partner grid would hold 250² = 62,500 cells against 1,000² = 1,000,000: 16 times.
    expect(b.length / a.length).toBeLessThan(5);
    expect(b.length).toBeLessThan(1000 * 1200); // a few rows of about 150 characters per line and partner
  });

  test('a pool too wide for A4 shows its contributions by partner, with names, to the penny', async () => {
    const input = wide(12);
    const html = await buildPack(input, monitor(input));
    expect(html).not.toContain('<table class="contributions');
    expect(html).toContain('Shown by partner: 12 partners are too many columns for an A4 page.');
    // Partner 0, by hand: gross 1,000 less income 100 = net 900.
    expect(html).toContain('<tr><td>Partner 0 (P00000)</td><td class="n">1,000.00</td><td class="n">\u2212100.00</td>'
      + '<td class="n">0.00</td><td class="n">900.00</td></tr>');
  });

  test('eight partners still print as the committee-report grid', async () => {
    const input = wide(8);
    const html = await buildPack(input, monitor(input));
    expect(html.match(/<table class="contributions wide">/g)).toHaveLength(1);
    expect(html).not.toContain('Shown by partner');
  });
});

describe('the size limit', () => {
  test('beyond it the pack stops with a plain message naming where, and nothing is returned', async () => {
    const input = wide(400);
    const result = monitor(input);
    const full = await buildPack(input, result);
    const limit = new SizeLimit(Math.floor(full.length / 2));
    const stopped = buildPack(input, result, limit);
    await expect(stopped).rejects.toBeInstanceOf(PackTooLarge);
    await expect(buildPack(input, result, new SizeLimit(Math.floor(full.length / 2)))).rejects.toThrow(
      /^the committee pack would be larger than \d+\.\d MB \(reached at \w[^)]*\), too large to table or print; nothing was written/);
    await expect(buildPack(input, result, new SizeLimit(full.length + 10))).resolves.toBe(full);
  });
});
