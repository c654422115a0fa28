/**
 * The add-in's dependencies, offline (`npm audit --omit=dev` needs the network): following the
 * imports from webpack's entries (webpack.config.js), the add-in pulls in no Node built-in, no
 * Node-only or CLI-only package (exceljs, xlsx, ...), no command-line code, and only the
 * reviewed npm packages (bench/bundle-check.ts SHIPPED_ALLOWED) and their own (reviewed)
 * dependencies. Its sources make no network call (fetch, XMLHttpRequest, WebSocket, ...), and
 * its pages load scripts only from the bundle and office.js. `npm run bench` checks the same
 * on the built bundle (dist/) with webpack's own module list.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FORBIDDEN_PACKAGES, NODE_BUILTINS, SHIPPED_ALLOWED, externalScripts, networkUses } from '../../bench/bundle-check';

const ROOT = path.join(__dirname, '..', '..');

/** The entries' source files, from the webpack config itself (an entry is a path or { import }). */
async function entries(): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (env: object, argv: object) => Promise<{ entry: Record<string, unknown> }>;
  const config = await makeConfig({}, { mode: 'development' });
  const files = Object.values(config.entry).flatMap((e) => {
    const i = typeof e === 'string' || Array.isArray(e) ? e : (e as { import: string | string[] }).import;
    return Array.isArray(i) ? i : [i];
  });
  if (files.length === 0) throw new Error('webpack.config.js: no entries found');
  return files.map((f) => path.join(ROOT, f));
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Module specifiers a TypeScript file loads at run time (type-only imports excluded). */
function specifiers(src: string): string[] {
  const code = stripComments(src);
  const out: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]/gm)) if (!m[2]) out.push(m[3]);
  for (const m of code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of code.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return null;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

interface Graph {
  files: string[];
  packages: Set<string>;
  unresolved: string[];
}

function walk(stack: string[]): Graph {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const unresolved: string[] = [];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|js)$/.test(file)) continue; // JSON and assets carry no imports
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const r = resolveLocal(file, spec);
        if (r) stack.push(r);
        else unresolved.push(`${path.relative(ROOT, file)}: ${spec}`);
      } else {
        packages.add(spec.replace(/^node:/, 'node:'));
      }
    }
  }
  return { files: [...seen].map((f) => path.relative(ROOT, f)), packages, unresolved };
}

describe('the add-in bundle graph (from webpack entries)', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = walk(await entries());
  });

  test('reaches the engine and the adapter, and resolves every relative import', () => {
    expect(graph.files.some((f) => f.startsWith(path.join('src', 'engine')))).toBe(true);
    expect(graph.files.some((f) => f.startsWith(path.join('src', 'functions')))).toBe(true);
    expect(graph.unresolved).toEqual([]);
  });

  test('holds no Node built-in, no Node-only or CLI-only package, no command-line code', () => {
    const pkgs = [...graph.packages].map(packageName);
    expect(pkgs.filter((p) => p.startsWith('node:') || NODE_BUILTINS.includes(p))).toEqual([]);
    expect(pkgs.filter((p) => FORBIDDEN_PACKAGES.includes(p))).toEqual([]);
    expect(graph.files.filter((f) => f.startsWith(path.join('src', 'cli')))).toEqual([]);
  });

  test('ships only reviewed packages, and their dependencies are reviewed too', () => {
    const pkgs = [...new Set([...graph.packages].map(packageName))];
    expect(pkgs.filter((p) => !SHIPPED_ALLOWED.includes(p)).sort()).toEqual([]);
    for (const p of pkgs) {
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      expect({ p, deps: Object.keys(manifest.dependencies ?? {}).filter((d) => !SHIPPED_ALLOWED.includes(d)) }).toEqual({ p, deps: [] });
    }
  });

  test('its sources make no network call but one: Insert template\'s example rows, from the add-in\'s own address', () => {
    const uses: Record<string, Record<string, number>> = {};
    for (const f of graph.files.filter((x) => /\.(ts|js)$/.test(x))) {
      const u = networkUses(stripComments(fs.readFileSync(path.join(ROOT, f), 'utf8')));
      if (Object.keys(u).length) uses[f] = u;
    }
    expect(uses).toEqual({ [path.join('src', 'excel', 'example.ts')]: { fetch: 1 } });
    // That one call is a GET of a fixed file beside the page: it sends nothing of the workbook.
    const src = stripComments(fs.readFileSync(path.join(ROOT, 'src/excel/example.ts'), 'utf8'));
    expect(src).toMatch(/url = new URL\(EXAMPLE_FILE, base\)\.href;\s+const res = await fetch\(url\);/);
    expect(src).toMatch(/export const EXAMPLE_FILE = 'example\.json';/);
  });

  test('its pages load scripts and styles only from the bundle and office.js', () => {
    for (const page of ['src/taskpane/taskpane.html', 'src/commands/commands.html']) {
      const file = path.join(ROOT, page);
      if (!fs.existsSync(file)) continue;
      const html = fs.readFileSync(file, 'utf8');
      expect({ page, external: externalScripts(html) }).toEqual({ page, external: [] });
      expect(html).toMatch(/https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
    }
    // The help page is plain HTML: no script at all, nothing fetched from elsewhere.
    const help = fs.readFileSync(path.join(ROOT, 'src/help/help.html'), 'utf8');
    expect(help).not.toMatch(/<script|<link|<img|<iframe/i);
  });
});

describe('the checks themselves', () => {
  test('flag what they are meant to flag', () => {
    expect(networkUses('const r = await fetch(url); new XMLHttpRequest(); new WebSocket(u)')).toEqual({ fetch: 1, XMLHttpRequest: 1, WebSocket: 1 });
    expect(externalScripts('<script src="https://cdn.example.com/x.js"></script><script src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js></script><script src=taskpane.js></script>'))
      .toEqual(['https://cdn.example.com/x.js']);
    expect(specifiers("import type { A } from 'fs';\nimport { b } from 'exceljs';\nconst z = require('zlib');")).toEqual(['exceljs', 'zlib']);
  });
});
