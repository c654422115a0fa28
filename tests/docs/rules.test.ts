/**
 * docs/rules.md stands alone and stays complete: it names every warning code of the engine (with
 * its severity) and every input table with each of its columns; its links, and docs/deploy.md's,
 * stay inside the repository; and no tracked file points at the spec outside the repository (`../shared`), except
 * this test, which has to name it.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { TABLES, TABLE_NAMES } from '../../src/engine/tables';
import { SEVERITY } from '../../src/engine/warnings';

const root = join(__dirname, '..', '..');
const rules = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');

/** The codes of the WarningCode union, read from its source. */
function unionCodes(): string[] {
  const src = readFileSync(join(root, 'src', 'engine', 'types.ts'), 'utf8');
  const body = /export type WarningCode =([^;]*);/.exec(src);
  if (!body) throw new Error('WarningCode union not found in src/engine/types.ts');
  return [...body[1].matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
}

/** A section of the document: from the heading that matches to the next heading of its level or higher. */
function section(heading: RegExp): string {
  const lines = rules.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return '';
  const level = lines[start].indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

describe('docs/rules.md', () => {
  it('gives every warning code of the engine a row with its severity', () => {
    const codes = unionCodes();
    expect(codes.length).toBeGreaterThan(30);
    const table = section(/^## Warning codes$/);
    const missing = codes.filter((code) => {
      const row = new RegExp('^\\| `' + code + '` \\| ([a-z]+) \\|', 'm').exec(table);
      return !row || row[1] !== SEVERITY[code as keyof typeof SEVERITY];
    });
    expect(missing).toEqual([]);
  });

  it('describes every input table of the engine and each of its columns', () => {
    const missing: string[] = [];
    for (const name of TABLE_NAMES) {
      const part = section(new RegExp(`^### ${name} \\(${TABLES[name].required ? 'required' : 'optional'}\\)`));
      if (!part) { missing.push(name); continue; }
      for (const col of TABLES[name].columns) {
        if (!part.includes('`' + col.header + '`')) missing.push(`${name}.${col.header}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(['rules.md', 'deploy.md'])('docs/%s links only inside the repository', (name) => {
    const path = join(root, 'docs', name);
    const text = readFileSync(path, 'utf8');
    const headings = new Set(text.split('\n').filter((l) => /^#+ /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))));
    const bad: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (target.startsWith('#')) {
        if (!headings.has(target.slice(1))) bad.push(target);
      } else {
        const file = resolve(dirname(path), target.split('#')[0]);
        if (/^[a-z]+:/i.test(target) || relative(root, file).startsWith('..') || !existsSync(file)) bad.push(target);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the repository stands alone', () => {
  it('has no tracked file that points outside it at ../shared (point at docs/rules.md instead)', () => {
    const self = relative(root, __filename);
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root }).toString().split('\0').filter(Boolean);
    const offenders = files.filter((f) => f !== self && existsSync(join(root, f)) &&
      readFileSync(join(root, f)).includes('../shared'));
    expect(offenders).toEqual([]);
  });
});
