/**
 * The add-in bundle holds no command-line-only or Node-only module: the module graph of the
 * three webpack entries (task pane, functions, commands), followed through every relative
 * import, reaches only browser-safe packages. (tests/browser also scans the built bundle.)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { builtinModules } from 'module';

const ROOT = path.resolve(__dirname, '../..');
const ENTRIES = ['src/taskpane/taskpane.ts', 'src/functions/functions.ts', 'src/commands/commands.ts'];
/** Packages the add-in may bundle. */
const ALLOWED = new Set(['decimal.js', 'zod']);

function resolve(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const f of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${spec}, which does not resolve`);
}

function graph(): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const todo = ENTRIES.map((e) => path.join(ROOT, e));
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.ts')) continue;
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      const spec = ref.fileName;
      if (spec.startsWith('.')) todo.push(resolve(file, spec));
      else packages.set(spec, path.relative(ROOT, file));
    }
  }
  return { files, packages };
}

describe('the add-in bundle', () => {
  const { files, packages } = graph();

  it('reaches the engine and the workbook layer but no command-line code', () => {
    const rel = [...files].map((f) => path.relative(ROOT, f));
    expect(rel).toEqual(expect.arrayContaining(['src/engine/run.ts', 'src/workbook/index.ts', 'src/excel/adapter.ts']));
    expect(rel.filter((f) => f.startsWith('src/cli/'))).toEqual([]);
  });

  it('imports only browser-safe packages: no exceljs, xlsx or Node built-in', () => {
    const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const [pkg, from] of packages) {
      const name = pkg.startsWith('@') ? pkg.split('/').slice(0, 2).join('/') : pkg.split('/')[0];
      expect({ pkg, from, node: node.has(pkg) }).toEqual({ pkg, from, node: false });
      expect({ pkg, from, allowed: ALLOWED.has(name) }).toEqual({ pkg, from, allowed: true });
    }
  });
});
