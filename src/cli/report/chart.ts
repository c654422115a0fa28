/**
 * The variance trend chart of the committee pack as inline SVG: Vega-Lite compiled to Vega and
 * rendered in Node with renderer 'none' (no browser, nothing fetched).
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { esc } from './format';

/** The variance trend as inline SVG; `label` names it for a screen reader. */
export async function trendSvg(
  pool: string, points: Array<{ period: string; variance: number }>, units: string,
): Promise<string> {
  const spec = compile({
    width: 440, height: 90, background: 'white',
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: 'Period', axis: { labelAngle: 0 }, sort: null },
      y: { field: 'variance', type: 'quantitative', title: `Variance (${units})` },
    },
    config: { font: 'sans-serif' },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Inline SVG in HTML needs no namespace attributes (they are URLs, though nothing loads them).
    const label = esc(`Variance by period, ${pool}`);
    // A replacer function: a `$` in a pool's name is text, never a replacement pattern.
    const bare = svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
    return bare.replace('<svg ', () => `<svg role="img" aria-label="${label}" `);
  } finally {
    view.finalize();
  }
}
