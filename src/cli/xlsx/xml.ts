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
  const parser = new SaxesParser({ position: false });
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
