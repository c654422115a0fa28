/**
 * One part of an .xlsx parsed as a stream with saxes: the part inflates chunk by chunk (xlsx-zip.ts)
 * and each chunk is fed to the parser, so a part is never held whole. Element names reach the
 * handlers without their namespace prefix (`x:c` is `c`), as producers differ in prefixes only.
 * A DOCTYPE (entities, XXE) or XML that is not well formed is refused as one plain line.
 */
import { SaxesParser, type SaxesTag } from 'saxes';
import type { XlsxPackage } from '../xlsx-zip';

export interface XmlHandlers {
  open(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * An attribute map as saxes's own (nothing inherited: no `__proto__` accessor, no `constructor`), made
 * by a constructor whose prototype is such an object. saxes makes each tag's map with
 * `Object.create(null)`, which V8 makes a dictionary from the start: a few hundred bytes and slow reads
 * per tag, and a sheet has millions of tags (it was a third of what reading a sheet allocated).
 * V8 keeps an object made this way fast, and it reads and writes as the null-prototype map does.
 */
const Attributes = function Attributes(): void {} as unknown as new () => Record<string, string>;
Attributes.prototype = Object.create(null) as object;

/** The saxes version whose `sOpenTag` `Parser` restates; with any other, saxes's own parser is used. */
export const SAXES_RESTATED = '6.0.0';

/** saxes's internals `sOpenTag` reads and sets (saxes 6.0.0, src/saxes.ts). */
interface SaxesInternals {
  captureNameChars(): number;
  name: string;
  tag: SaxesTag & { ns?: Record<string, string> };
  xmlnsOpt: boolean;
  topNS: Record<string, string> | null;
  openTagStartHandler?: (tag: SaxesTag) => void;
  sawRoot: boolean;
  fragmentOpt: boolean;
  closedRoot: boolean;
  fail(message: string): void;
  openTag(): void;
  state: number;
}

/**
 * saxes's parser, with its `sOpenTag` restated line for line but for the attribute map (Attributes
 * above): every event, check and error is saxes's own. saxes builds its state table from `this` in
 * its constructor, so the method below is the one it calls. tests/xlsx/parser.test.ts holds this parser
 * to saxes's own, event for event and error for error, and fails when saxes is not SAXES_RESTATED.
 */
class Parser extends SaxesParser {}
const EOC = -1;
const GREATER = 0x3e;
const FORWARD_SLASH = 0x2f;
const S_OPEN_TAG_SLASH = 35;
const S_ATTRIB = 36;
const isS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
Object.defineProperty(Parser.prototype, 'sOpenTag', {
  value: function sOpenTag(this: SaxesInternals): void {
    const c = this.captureNameChars();
    if (c === EOC) return;
    const tag = (this.tag = { name: this.name, attributes: new Attributes() } as SaxesInternals['tag']);
    this.name = '';
    if (this.xmlnsOpt) this.topNS = tag.ns = Object.create(null) as Record<string, string>;
    this.openTagStartHandler?.call(this, tag);
    this.sawRoot = true;
    if (!this.fragmentOpt && this.closedRoot) this.fail('documents may contain only one root.');
    switch (c) {
      case GREATER:
        this.openTag();
        break;
      case FORWARD_SLASH:
        this.state = S_OPEN_TAG_SLASH;
        break;
      default:
        if (!isS(c)) this.fail('disallowed character in tag name.');
        this.state = S_ATTRIB;
    }
  },
});

/** saxes's version, from its package file. */
function saxesVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('saxes/package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The parser for the parts: ours where saxes is the version it restates, else saxes's own. */
export const XmlParser: typeof SaxesParser = saxesVersion() === SAXES_RESTATED ? Parser : SaxesParser;

/** A local name: `x:sheetData` -> `sheetData`. */
export const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** The value of an attribute written with any prefix (`r:id`, `ns1:id`), or undefined. */
export function prefixed(attributes: Record<string, string>, name: string): string | undefined {
  for (const k in attributes) if (k !== name && local(k) === name && k.includes(':')) return attributes[k];
  return undefined;
}

/** The plain line for a part that is not XML as Excel writes it. */
export const notAsExcel = (file: string) => new Error(`${file} could not be read as an .xlsx workbook: a part of it is `
  + 'damaged or not as Excel writes it; open it in Excel and save it again.');

/**
 * Parses the part `name` of the package, calling the handlers; errors they throw pass through. saxes
 * calls the handlers straight from `write` and catches nothing, so an error a handler throws leaves
 * `write` at once, and the parser is dropped with the part: no wrapper per event (a sheet has millions).
 */
export async function parsePart(pkg: XlsxPackage, name: string, handlers: XmlHandlers): Promise<void> {
  const parser = new XmlParser({ position: false });
  const { open, close, text } = handlers;
  // Without xmlns processing (the parser's default), attributes are plain name -> value.
  parser.on('opentag', (tag: SaxesTag) => open(local(tag.name), tag.attributes as Record<string, string>));
  if (close) parser.on('closetag', (tag: SaxesTag) => close(local(tag.name)));
  if (text) parser.on('text', text);
  const refuse = () => {
    throw notAsExcel(pkg.file);
  };
  parser.on('doctype', refuse);
  parser.on('error', refuse);
  for await (const chunk of pkg.text(name)) parser.write(chunk);
  parser.close();
}
