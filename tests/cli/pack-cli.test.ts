/**
 * `poolshare report ... [--pdf]` on the command line: --pdf names a .pdf file and a .pdf file asks
 * for --pdf (never HTML in a file named .pdf, or a PDF named .html); slips end with one line and
 * exit 2, writing nothing.
 */
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';

const example = join(__dirname, '..', '..', 'examples', 'poolshare-example.json');
let dir = '';
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'poolshare-pack-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

test.each([
  [['--out', 'pack.html', '--pdf'], /^poolshare: --pdf writes a PDF: name the file \.pdf \(--out PACK\.pdf\), not .*pack\.html\n$/],
  [['--out', 'pack.pdf'], /^poolshare: .*pack\.pdf is named \.pdf: add --pdf to print the pack to PDF, or name it \.html\n$/],
])('report %j: one line, exit 2, nothing written', async (args, message) => {
  const argv = args.map((a) => (a.startsWith('pack') ? join(dir, a) : a));
  const r = await cli('report', example, ...argv);
  expect([r.code, r.out]).toEqual([2, '']);
  expect(r.err).toMatch(message);
  expect(existsSync(join(dir, args[1]))).toBe(false);
});

test('--pdf belongs to report only', async () => {
  const r = await cli('monitor', example, '--pdf');
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/^poolshare: unknown option --pdf/);
});
