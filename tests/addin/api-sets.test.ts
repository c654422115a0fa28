/**
 * Requirement sets (issue 16, item 2). Every Office.js member the sources use is listed with its
 * API set, as @types/office-js annotates it (`[Api set: ExcelApi 1.12]`), found with TypeScript's
 * own type checker (so `add` on a worksheet collection and `add` on its custom properties are told
 * apart). A use above what manifest.xml declares must sit in a function that asks first:
 * `apiSupported('1.13')` (src/excel/host.ts) or `isSetSupported('<set>', '<version>')`.
 * docs/deploy.md's table of supported builds names the same minimum and the same guarded sets.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { MANIFEST_API } from '../../src/excel/host';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

interface Use {
  member: string;
  set: string;
  version: string;
  at: string;
  guarded: boolean;
}

const newer = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
};

/** The sets manifest.xml declares, with their minimum versions. */
function declared(): Map<string, string> {
  const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
  const sets = new Map<string, string>();
  for (const m of xml.matchAll(/<Set\s+Name="([^"]+)"\s+MinVersion="([^"]+)"\s*\/>/g)) sets.set(m[1], m[2]);
  return sets;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name) ? [p] : [];
  });
}

const OTHER_HOSTS = /^(Mailbox|Word|PowerPoint|OneNote|Outlook|Visio|Project)/i;

/** The `[Api set: X n.m]` of a declaration in @types/office-js, or null. */
function apiSet(decl: ts.Declaration): { set: string; version: string } | null {
  const file = decl.getSourceFile();
  if (!/@types[\\/]office-js[\\/]/.test(file.fileName)) return null;
  const comment = file.text.slice(decl.getFullStart(), decl.getStart());
  // A member may carry several annotations; those of other hosts (Outlook's Mailbox, Word, PowerPoint...) are not
  // Excel's requirement.
  for (const m of comment.matchAll(/\[\s*Api set:\s*([A-Za-z]+)\s+(\d+(?:\.\d+)*)/gi)) {
    if (!OTHER_HOSTS.test(m[1])) return { set: m[1], version: m[2] };
  }
  return null;
}

/** Whether a function around `node` asks the host for `set` at `version` or newer first. */
function guardedAt(node: ts.Node, set: string, version: string): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const text = n.getText();
    const asks = set === 'ExcelApi'
      ? [...text.matchAll(/apiSupported\('([\d.]+)'\)|isSetSupported\('ExcelApi',\s*'([\d.]+)'\)/g)]
      : [...text.matchAll(new RegExp(`isSetSupported\\('${set}',\\s*'([\\d.]+)'\\)`, 'g'))];
    if (asks.some((a) => !newer(version, a[1] ?? a[2]))) return true;
  }
  return false;
}

function uses(): Use[] {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const files = sourceFiles(SRC);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const out: Use[] = [];
  const record = (node: ts.Node, symbol: ts.Symbol | undefined) => {
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    for (const decl of target?.declarations ?? []) {
      const found = apiSet(decl);
      if (!found) continue;
      const { line } = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart());
      out.push({
        member: checker.getFullyQualifiedName(target!).replace(/^(Excel|Office)\./, ''), ...found,
        at: `${path.relative(ROOT, node.getSourceFile().fileName)}:${line + 1}`,
        guarded: guardedAt(node, found.set, found.version),
      });
      return;
    }
  };
  for (const file of program.getSourceFiles().filter((f) => f.fileName.startsWith(SRC))) {
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) record(node.name, checker.getSymbolAtLocation(node.name));
      else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
        // An option passed in an object literal (Excel.run({ mergeUndoGroup: true })): the property of its type.
        const type = checker.getContextualType(node.parent);
        record(node.name, type?.getProperty(node.name.getText()));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return out;
}

const all = uses();
const sets = declared();

test('the manifest declares ExcelApi at the version the adapter assumes', () => {
  expect(sets.get('ExcelApi')).toBe(MANIFEST_API);
  expect(sets.get('SharedRuntime')).toBe('1.1');
});

test('every Office.js member the sources use, with its API set', () => {
  const list = [...new Map(all.map((u) => [u.member, `${u.member}: ${u.set} ${u.version}`])).values()].sort();
  // The list is what the docs' table of supported builds comes from; print it for the reviewer.
  // eslint-disable-next-line no-console
  if (process.env.POOLSHARE_API_LIST) console.log(list.join('\n'));
  expect(list.length).toBeGreaterThan(40);
  expect(list).toEqual(expect.arrayContaining([
    'WorksheetCustomPropertyCollection.add: ExcelApi 1.12',
    'Range.getMergedAreasOrNullObject: ExcelApi 1.13',
    'RunOptions.mergeUndoGroup: ExcelApi 1.20',
  ]));
});

test('no use above the declared minimum goes unguarded', () => {
  const above = all.filter((u) => {
    const min = sets.get(u.set);
    return min === undefined || newer(u.version, min);
  });
  expect(above.filter((u) => !u.guarded).map((u) => `${u.at} ${u.member} (${u.set} ${u.version})`)).toEqual([]);
  // The guarded ones are the documented ones.
  const guarded = [...new Set(above.map((u) => `${u.set} ${u.version}`))].sort();
  const docs = fs.readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
  for (const g of [...guarded, `ExcelApi ${MANIFEST_API}`]) expect([g, docs.includes(g)]).toEqual([g, true]);
});
