/**
 * For tests only: the rewrites the exceljs reader needed before it could load a workbook (the
 * command line's xlsx-zip.ts before the streaming reader), kept so tests/xlsx/exceljs-reader.ts
 * reads as it did: relationship targets written as absolute paths (openpyxl:
 * Target="/xl/tables/table1.xml") made relative, and a prefixed main namespace (<x:worksheet>)
 * taken off. No limits: the fixtures compared are small.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as yauzl from 'yauzl';
import { zip, type ZipPart } from '../../src/cli/xlsx-zip';

const MAIN_NS = /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/;

/** A relationship part's absolute targets made relative to the folder of the part it describes. */
function relativeTargets(relsName: string, xml: string): string {
  const base = path.posix.dirname(path.posix.dirname(relsName));
  return xml.replace(/(\bTarget=")\/([^"]*)"/g, (_, pre: string, target: string) =>
    `${pre}${path.posix.relative(base === '.' ? '' : base, target)}"`);
}

/** The file's zip with every XML part rewritten as exceljs needs it. */
export async function checkedXlsx(file: string): Promise<Buffer> {
  const zf = await yauzl.fromBufferPromise(await fs.readFile(file), { lazyEntries: true });
  try {
    const out: ZipPart[] = [];
    for await (const entry of zf.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const c of (await zf.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
      let data = Buffer.concat(chunks).toString('utf8');
      const prefix = MAIN_NS.exec(data.slice(0, 4096))?.[1];
      if (prefix) data = data.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1').replace(`xmlns:${prefix}=`, 'xmlns=');
      if (entry.fileName.endsWith('.rels')) data = relativeTargets(entry.fileName, data);
      out.push({ name: entry.fileName, data });
    }
    return zip(out);
  } finally {
    zf.close();
  }
}
