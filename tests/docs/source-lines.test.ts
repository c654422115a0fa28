/**
 * A reader can follow src/ on one screen: no line of source over 120 characters (issue 11). Reads
 * every tracked file under src/ (TypeScript, HTML, CSS), so a new long line fails here by name.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '..', '..');

test('no line in src/ is over 120 characters', () => {
  const files = execFileSync('git', ['ls-files', 'src'], { cwd: root, encoding: 'utf8' })
    .split('\n').filter((f) => /\.(ts|js|html|css)$/.test(f));
  expect(files.length).toBeGreaterThan(20);
  const long: string[] = [];
  for (const f of files) {
    readFileSync(join(root, f), 'utf8').split('\n').forEach((line, i) => {
      if (line.length > 120) long.push(`${f}:${i + 1} (${line.length})`);
    });
  }
  expect(long).toEqual([]);
});
