/**
 * Insert template: the input tables with example rows on new sheets, every cell typed for what it
 * holds (./plan.ts templateTables). A table or sheet of that name already there is kept. Everything
 * Excel would refuse part way is checked first, and then nothing at all is written: a defined name
 * holding a table's name (Excel does not let a table share a name with one), a workbook whose
 * structure is protected. The example rows are fetched first (./example.ts; `example` given, they are
 * not). Round trips: 1 read, 1 write.
 */
import { loadExample, type ExampleTables } from './example';
import { nameKey, templateTables } from './plan';
import { counter, excelRun, list, type Progress } from './host';

export async function insertTemplate(
  progress: Progress = () => undefined,
  example?: ExampleTables,
): Promise<{ added: string[]; kept: string[]; syncs: number }> {
  const tables = example ?? await loadExample();
  return excelRun(async (context) => {
    const c = counter(context);
    const wb = context.workbook;
    const sheets = wb.worksheets;
    sheets.load('items/name');
    wb.tables.load('items/name');
    wb.names.load('items/name');
    wb.protection.load('protected');
    await c.sync();
    const taken = new Set([...sheets.items, ...wb.tables.items].map((x) => nameKey(x.name)));
    const defined = new Map(wb.names.items.map((n) => [n.name.toLowerCase(), n.name]));
    const all = templateTables(tables);
    const kept = all.filter((t) => taken.has(nameKey(t.name))).map((t) => t.name);
    const adding = all.filter((t) => !taken.has(nameKey(t.name)));
    const clash = adding.map((t) => defined.get(t.name.toLowerCase())).filter((n): n is string => !!n);
    if (clash.length) {
      throw new Error(`Insert template wrote nothing: the workbook has a defined name ${list(clash)}, and Excel does `
        + 'not let a table share its name with a defined name. Rename or delete it (Formulas > Name Manager), then '
        + 'run Insert template again.');
    }
    if (adding.length && wb.protection.protected) {
      throw new Error('Insert template wrote nothing: the workbook\'s structure is protected, so Excel does not let '
        + `Poolshare add the sheets ${list(adding.map((t) => t.name))}. Unprotect it (Review > Protect Workbook), `
        + 'run Insert template again, then protect it again.');
    }
    progress('Adding the input tables…');
    for (const t of adding) {
      const ws = sheets.add(t.name);
      const range = ws.getRangeByIndexes(0, 0, t.values.length, t.values[0].length);
      range.numberFormat = t.formats;
      range.values = t.values;
      const table = ws.tables.add(range, true);
      table.name = t.name;
      ws.freezePanes.freezeRows(1);
      range.format.autofitColumns();
    }
    await c.sync();
    progress('Done.');
    return { added: adding.map((t) => t.name), kept, syncs: c.count };
  });
}
