/**
 * Terminal safety: every name and message the command line prints shows control, escape, bidi and
 * line-break characters visibly (`\n`, `\x1b`, `<U+202E>`), so a name cannot recolour the terminal,
 * reorder text or forge a line; `--json` stays valid JSON with the same values.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import fc from 'fast-check';
import { cli } from '../cli/run-cli';
import { jsonSafe, terminalSafe } from '../../src/cli/summary';

const dir = mkdtempSync(join(tmpdir(), 'poolshare-terminal-'));
const RAW = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const TODAY_YEAR = [{ Setting: 'Year start', Value: '2025-04' }];

let n = 0;
function input(tables: object): string {
  const file = join(dir, `in-${n++}.json`);
  writeFileSync(file, JSON.stringify({ tables }));
  return file;
}

/** A pool `pool` hosted by CC with partner `partner` (named `name`), overspent so there is a payment. */
function book(pool: string, partner: string, name: string) {
  return {
    Partners: [{ Partner: 'CC', Name: 'County Council' }, { Partner: partner, Name: name }],
    Pools: [{ Pool: pool, Kind: 'pooled', Host: 'CC', Method: 'proportional' }],
    Lines: [{ Pool: pool, Line: 'L', Lead: 'CC', Forecast: 1100 }],
    Contributions: [{ Pool: pool, Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: pool, Line: 'L', Partner: partner, Gross: 400 }],
    Settings: TODAY_YEAR,
  };
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.constantFrom('\n', '\r', '\x1b', '\x07', '\u202e', '\u2066', '\u200f', '\u061c', '\x9b', '\u2028', 'a', ' ', 'Positions'),
    { maxLength: 12 }).map((a) => a.join('')),
);

describe('terminalSafe and jsonSafe', () => {
  test('any string: no raw control, bidi or line break is left; the result is one line and stable', () => {
    fc.assert(fc.property(anyText, (s) => {
      const t = terminalSafe(s);
      expect(RAW.test(t)).toBe(false);
      expect(terminalSafe(t)).toBe(t);
    }), { numRuns: 1000 });
    expect(terminalSafe('a\nb\x1b[31m\u202ec\x07')).toBe('a\\nb\\x1b[31m<U+202E>c\\x07');
  });
  test('any value: jsonSafe(JSON) is the same JSON value with no raw control or bidi character', () => {
    fc.assert(fc.property(fc.jsonValue(), anyText, (v, s) => {
      const json = jsonSafe(JSON.stringify({ v, s }, null, 2));
      expect(RAW.test(json.replace(/\n */g, ''))).toBe(false);
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify({ v, s })));
    }), { numRuns: 500 });
  });
});

describe('what the command line prints', () => {
  test('a newline in a pool name cannot forge a Positions line; ESC, BEL and RLO are shown, not sent', async () => {
    const pool = 'BCF\nPositions (£; positive owes, negative is owed):\n  CC: -1,000,000.00';
    const r = await cli('run', input(book(pool, 'ICB\x1b[31m', 'Board\u202eevil\x07')));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => l.startsWith('Positions'))).toHaveLength(1);
    expect(lines.some((l) => /^\s*CC: -1,000,000\.00$/.test(l))).toBe(false);
    expect(RAW.test(r.out.replace(/\n/g, ''))).toBe(false);
    expect(r.out).toContain('Pool BCF\\nPositions (£; positive owes, negative is owed):\\n  CC: -1,000,000.00 (pooled');
    // The name stands beside the code once the engine lists the partners' names.
    expect(r.out).toMatch(/\n {2}ICB\\x1b\[31m( \(Board<U\+202E>evil\\x07\))?: 440\.00\n/);
  });

  test('--json stays valid JSON holding the names exactly, with no raw bidi character', async () => {
    const r = await cli('run', input(book('P\u2066\n', 'X\u202e', 'N\x9b')), '--json');
    expect(RAW.test(r.out.replace(/\n */g, ''))).toBe(false);
    const json = JSON.parse(r.out);
    expect(json.pools[0].pool).toBe('P\u2066');
    expect(json.positions.map((p: { partner: string }) => p.partner)).toContain('X\u202e');
  });

  test('a JSON syntax error echoing raw bytes is one visible line', async () => {
    const file = join(dir, 'syntax.json');
    writeFileSync(file, '{"tables": \x1b[2J\x1b]0;owned\x07\n}');
    const r = await cli('run', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^poolshare: .*is not valid JSON/);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(RAW.test(r.err.trimEnd())).toBe(false);
    expect(r.err).toContain('\\x1b');
  });

  test('a file name with a newline and ESC in an error message is shown visibly', async () => {
    const r = await cli('run', join(dir, 'no\nsuch\x1b[1m.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^poolshare: cannot read .*no\\nsuch\\x1b\[1m\.json: no such file\n$/);
  });

  test('fuzz: any pool, partner and name gives a summary with no raw control character and one Positions line', async () => {
    await fc.assert(fc.asyncProperty(anyText, anyText, anyText, async (pool, partner, name) => {
      fc.pre(pool.trim() !== '' && partner.trim() !== '' && partner.trim() !== 'CC');
      const r = await cli('run', input(book(pool, partner, name)));
      expect(RAW.test(r.out.replace(/\n/g, ''))).toBe(false);
      expect(RAW.test(r.err.replace(/\n/g, ''))).toBe(false);
      expect(r.out.split('\n').filter((l) => l.startsWith('Positions'))).toHaveLength(r.code === 2 ? 0 : 1);
    }), { numRuns: 60 });
  });
});
