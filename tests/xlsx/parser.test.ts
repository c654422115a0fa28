/**
 * The reader's XML parser (src/cli/xlsx/xml.ts) is saxes's, with one method restated so that each
 * tag's attribute map is a fast object. Held here to saxes's own parser, event for event and error for
 * error: on every part of the example and producer workbooks, and on XML made to trip it.
 */
import path from 'path';
import { SaxesParser, type SaxesTag } from 'saxes';
import { SAXES_RESTATED, XmlParser } from '../../src/cli/xlsx/xml';
import { openXlsx } from '../../src/cli/xlsx-zip';

const ROOT = path.join(__dirname, '..', '..');

/** Every event and error of a parse, fed in chunks of the given sizes (in turn). */
function events(Parser: typeof SaxesParser, xml: string, chunks: number[]): string[] {
  const out: string[] = [];
  const parser = new Parser({ position: false });
  const attrs = (a: SaxesTag['attributes']) => {
    const own = Object.getOwnPropertyNames(a).map((k) => `${k}=${String(a[k])}`);
    return `${own.join(' ')} proto:${Object.getPrototypeOf(Object.getPrototypeOf(a) ?? {}) === null ? 'none' : 'some'}`
      + ` constructor:${String((a as Record<string, unknown>).constructor)}`;
  };
  parser.on('opentag', (t: SaxesTag) => out.push(`open ${t.name} ${attrs(t.attributes)} ${t.isSelfClosing}`));
  parser.on('closetag', (t: SaxesTag) => out.push(`close ${t.name}`));
  parser.on('text', (t: string) => out.push(`text ${t}`));
  parser.on('cdata', (t: string) => out.push(`cdata ${t}`));
  parser.on('doctype', (t: string) => out.push(`doctype ${t}`));
  parser.on('error', (e: Error) => out.push(`error ${e.message}`));
  let at = 0;
  for (let k = 0; at < xml.length; k++) {
    const n = chunks[k % chunks.length];
    parser.write(xml.slice(at, at + n));
    at += n;
  }
  parser.close();
  return out;
}

/** The attribute maps' prototype chains differ by design; all else must be the same. */
const same = (xml: string, chunks: number[]) => {
  const norm = (e: string) => e.replace(/ proto:\w+ /, ' ');
  expect(events(XmlParser, xml, chunks).map(norm)).toEqual(events(SaxesParser, xml, chunks).map(norm));
};

describe('the reader\'s XML parser', () => {
  it('is saxes at the version whose tag method it restates (re-check the restated method on an upgrade)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require('saxes/package.json') as { version: string }).version).toBe(SAXES_RESTATED);
    expect(XmlParser).not.toBe(SaxesParser);
  });

  it('gives saxes\'s own events on every part of the example and producer workbooks, in any chunking', async () => {
    const files = ['examples/poolshare-example.xlsx', 'examples/committee-report.xlsx',
      ...['exceljs', 'google-sheets-like', 'libreoffice', 'numbers-like', 'openpyxl', 'sheetjs']
        .map((p) => `tests/fixtures/producers/${p}.xlsx`)];
    const names = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels',
      'xl/styles.xml', 'xl/sharedStrings.xml',
      ...Array.from({ length: 12 }, (_, i) => `xl/worksheets/sheet${i + 1}.xml`),
      ...Array.from({ length: 6 }, (_, i) => `xl/tables/table${i + 1}.xml`)];
    let parts = 0;
    for (const file of files) {
      const pkg = await openXlsx(path.join(ROOT, file));
      try {
        for (const name of names.filter((n) => pkg.has(n))) {
          let xml = '';
          for await (const chunk of pkg.text(name)) xml += chunk;
          same(xml, [xml.length]);
          same(xml, [7, 1, 64, 3]);
          parts++;
        }
      } finally {
        pkg.close();
      }
    }
    expect(parts).toBeGreaterThan(40);
  });

  it('gives saxes\'s own events and errors on XML made to trip it', () => {
    const cases = [
      '<a/>', '<a />', '<a\tb="1"/>', '<a b="1" c=\'2\'>x</a>', '<a b="1"  >t&amp;u</a>', '<x:a x:b="1" r:id="r"/>',
      '<a __proto__="p" constructor="c" toString="t" hasOwnProperty="h"/>', '<a b="1" b="2"/>',
      '<a b="&lt;&#65;&#x42;"/>', '<a b="x\ny"/>', '<a><![CDATA[<b>]]></a>', '<a><!-- c --><?pi x?></a>',
      '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', '<a<b/>', '<a /x>', '<1a/>', '<a/><b/>', '<a b=1/>',
      '<a b="1"c="2"/>',
      '<a', '<a b="', '<a>', '</a>', '<a></b>', '<a\u00a0b="1"/>', '<\u00e9l\u00e9 \u00e9="\u00e9"/>', '<a/ >',
      '<sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><f>1+1</f><v>2</v></c></row></sheetData>',
    ];
    for (const xml of cases) {
      same(xml, [xml.length]);
      same(xml, [1]);
      same(xml, [2, 3]);
    }
  });

  it('keeps a tag\'s attribute map free of anything inherited, as saxes does', () => {
    const seen: Array<Record<string, string>> = [];
    const parser = new XmlParser({ position: false });
    parser.on('opentag', (t: SaxesTag) => seen.push(t.attributes as Record<string, string>));
    parser.write('<a __proto__="p" constructor="c"><b/></a>').close();
    expect(Object.keys(seen[0])).toEqual(['__proto__', 'constructor']);
    expect(seen[0].constructor).toBe('c');
    expect(Object.getOwnPropertyDescriptor(seen[0], '__proto__')?.value).toBe('p');
    expect(seen[1].constructor).toBeUndefined();
    expect('toString' in seen[1]).toBe(false);
  });
});
