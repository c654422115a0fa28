/**
 * The pane's Options view (options.md, "What the user sees"): for the scenario chosen (Forecast
 * first), each pool an option or a scenario names, and under it each partner's final cost under
 * every option, the difference from Current beside it, and which option costs the partner least
 * and most. The figures are the engine's grid (src/engine/options-grid.ts, the one the command line
 * and the committee pack draw); after the Options results sheet is written, each figure selects its
 * cell there. An option that did not run says so, with a way to its errors, and a banner says how
 * many did not run. User text goes in with `textContent` only.
 */
import { Decimal } from '../engine/money';
import { optionGrid, type OptionGrid } from '../engine/options-grid';
import type { OptionsReport } from '../excel/adapter';
import { listText, money, namesOf, plural, unitsText, yearText, type Names } from './format';
import type { FigureRef } from './links';
import { figure, type ViewContext } from './results';
import { accordion, accordionItem, badge, el, messageBar } from './view';
import { amountHeader } from '../workbook/output';

/** The figure's place on the Options results sheet (tblOptions, one row per pool, option, scenario, partner). */
export function optionsRef(
  r: OptionsReport, pool: string, option: string, scenario: string, partner: string,
): FigureRef {
  return { table: 'tblOptions', key: { Pool: pool, Option: option, Scenario: scenario, Partner: partner },
    header: amountHeader('Final cost', r.units) };
}

/** "+£1,200.00", "−£300.00", "no change": a difference from Current, signed both ways. */
function difference(d: string, r: OptionsReport): string {
  if (new Decimal(d).isZero()) return 'no change';
  return d.startsWith('-') ? money(d, r.units) : `+${money(d, r.units)}`;
}

/** One pool's partners under every option, for the grid's scenario. */
function poolPanel(doc: Document, r: OptionsReport, pool: string, g: OptionGrid, names: Names, ctx: ViewContext,
): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const row of g.rows) {
    const box = el(doc, 'div', 'partner');
    box.dataset.partner = row.partner;
    box.appendChild(el(doc, 'p', 'who', names.partner(row.partner)));
    const dl = el(doc, 'dl', 'rows');
    row.costs.forEach((cost, i) => {
      const option = g.options[i];
      const line = el(doc, 'div', 'row');
      line.dataset.option = option;
      const dt = el(doc, 'dt', undefined, option);
      if (row.least === option) dt.append(' ', badge(doc, 'least', 'success', 'rank'));
      if (row.most === option) dt.append(' ', badge(doc, 'most', 'warning', 'rank'));
      const dd = el(doc, 'dd');
      if (cost === null) dd.appendChild(el(doc, 'span', 'fig', 'not run'));
      else {
        dd.appendChild(figure(doc, cost, r.units, optionsRef(r, pool, option, g.scenario, row.partner), ctx));
        const diff = row.diffs[i];
        if (diff !== null) dd.appendChild(el(doc, 'span', 'diff', difference(diff, r)));
      }
      line.append(dt, dd);
      dl.appendChild(line);
    });
    box.appendChild(dl);
    out.push(box);
  }
  for (const f of g.failed) {
    const p = el(doc, 'p', 'failed-option', `${f.option}: not run. ${f.message}`);
    out.push(p);
  }
  if (g.failed.length) {
    const b = el(doc, 'fluent-button', 'show-errors', 'Show the errors');
    b.setAttribute('size', 'small');
    b.addEventListener('click', () => ctx.showErrors(pool));
    out.push(b);
  }
  return out;
}

/** The pools for one scenario: an open accordion item per pool an option or a scenario names. */
function poolList(doc: Document, r: OptionsReport, scenario: string, names: Names, ctx: ViewContext): HTMLElement {
  const list = accordion(doc, 'pools');
  for (const pool of r.pools.filter((p) => r.named.includes(p.pool))) {
    const g = optionGrid(r, pool.results, scenario);
    const heading: Node[] = [el(doc, 'span', 'name', names.pool(pool.pool))];
    if (g.failed.length) heading.push(badge(doc, `${plural(g.failed.length, 'option')} not run`, 'danger', 'state'));
    // Drawn at once and shown open: the grid is the view (a scenario change draws the list again).
    const { item, panel } = accordionItem(doc, 'pool', heading);
    item.setAttribute('expanded', '');
    item.dataset.pool = pool.pool;
    panel.append(...poolPanel(doc, r, pool.pool, g, names, ctx));
    list.appendChild(item);
  }
  return list;
}

/** Renders an Options result into `root`, for the scenario chosen in its list (Forecast first). */
export function renderOptions(root: HTMLElement, r: OptionsReport, ctx: ViewContext): void {
  const doc = root.ownerDocument;
  const names = namesOf(r);
  const s = el(doc, 'section', 'summary options');
  s.appendChild(el(doc, 'h2', undefined, `Risk-share options ${yearText(r.year.start)}`));
  if (!r.named.length) {
    s.appendChild(messageBar(doc, 'info', 'There are no options to compare: no Options or Scenarios row names a '
      + 'pool. Add them on the Options and Scenarios sheets (More actions > Insert template adds both), then run '
      + 'Options again.'));
    root.replaceChildren(s);
    return;
  }
  s.appendChild(el(doc, 'p', 'meta', `Figures in ${unitsText(r.units)}: each partner's final cost under each `
    + 'option, and beside it the difference from Current (the arrangement in the workbook); above 0 the partner '
    + `would bear more. Options: ${listText(r.options)}.`));
  // The runs missing from the pools shown (a pool no option names is not shown: its errors are the warnings').
  const notRun = r.pools.filter((p) => r.named.includes(p.pool)).flatMap((p) => p.results.filter((e) => !e.partners)
    .map((e) => `${names.pool(p.pool)} under ${e.option} (${e.scenario})`));
  if (notRun.length) {
    s.appendChild(messageBar(doc, 'warning', `${plural(notRun.length, 'option run')} could not be made: `
      + `${listText(notRun)}. Their figures are missing below; fix the errors (see the warnings), then run `
      + 'Options again.', 'trust'));
  }
  const label = el(doc, 'label', 'scenario');
  const select = el(doc, 'select');
  select.id = 'scenario';
  for (const name of r.scenarios) {
    const option = el(doc, 'option', undefined, name);
    option.value = name;
    select.appendChild(option);
  }
  label.append(el(doc, 'span', undefined, 'Scenario'), select);
  s.appendChild(label);
  let list = poolList(doc, r, r.scenarios[0], names, ctx);
  select.addEventListener('change', () => {
    const next = poolList(doc, r, select.value, names, ctx);
    list.replaceWith(next);
    list = next;
  });
  s.appendChild(list);
  const others = r.pools.length - r.named.filter((p) => r.pools.some((x) => x.pool === p)).length;
  const keep = others === 1 ? '1 other pool keeps' : `${others} other pools keep`;
  s.appendChild(el(doc, 'p', 'legend', (others ? `${keep} the figures of Current: no option or scenario names `
    + `${others === 1 ? 'it' : 'them'}. ` : '') + 'Every pool, option, scenario and partner is on the Options results '
    + 'sheet.'));
  root.replaceChildren(s);
}
