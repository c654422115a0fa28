/**
 * The formula model: the proportional risk share and settlement built the way a user's
 * workbook does it, in HyperFormula (the headless spreadsheet engine), so we can time the
 * engine against it.
 *
 * Sheets:
 *   Contributions  Pool | Partner | Gross | Income | Grant | Net (=C−D−E)
 *   Lines          Pool | Forecast
 *   Payments       Pool | Partner | Amount
 *   Pools          Pool | Budget (SUMIFS of Net) | Outturn (SUMIFS of Forecast) | Variance
 *   Shares         one row per pool × partner: Net (SUMIFS by pool and partner) | Budget and
 *                  Variance (INDEX/MATCH on Pools) | Share = Net / Budget |
 *                  Allocation = ROUND(Variance × Share, 2) | Final cost = Net + Allocation |
 *                  Paid (SUMIFS of Payments) | Balance = Final cost − Paid
 *
 * `buildFormulaModel` lays the cells out (untimed: that is the user typing the workbook);
 * `runFormulaModel` times `HyperFormula.buildFromSheets` (which parses and calculates every
 * formula) plus reading the Shares sheet back.
 */
import { HyperFormula } from 'hyperformula';
import { plainNumber, type PlainTables, type PoolPartnerFigures } from './float-floor';

type Sheet = Array<Array<string | number | null>>;

export interface FormulaModelSheets {
  sheets: Record<string, Sheet>;
  /** Formula cells in the model. */
  formulas: number;
}

export function buildFormulaModel(tables: PlainTables): FormulaModelSheets {
  const contributions = tables.Contributions ?? [];
  const lines = tables.Lines ?? [];
  const payments = tables.Payments ?? [];

  const c: Sheet = [['Pool', 'Partner', 'Gross', 'Income', 'Grant', 'Net']];
  const pairs: Array<[string, string]> = [];
  const seenPair = new Set<string>();
  const poolNames: string[] = [];
  const seenPool = new Set<string>();
  contributions.forEach((r, i) => {
    const pool = String(r.Pool);
    const partner = String(r.Partner);
    const row = i + 2;
    c.push([pool, partner, plainNumber(r.Gross), plainNumber(r.Income), plainNumber(r.Grant), `=C${row}-D${row}-E${row}`]);
    const key = pool + '\u0000' + partner;
    if (!seenPair.has(key)) {
      seenPair.add(key);
      pairs.push([pool, partner]);
    }
    if (!seenPool.has(pool)) {
      seenPool.add(pool);
      poolNames.push(pool);
    }
  });
  const l: Sheet = [['Pool', 'Forecast']];
  for (const r of lines) l.push([String(r.Pool), plainNumber(r.Forecast)]);
  const p: Sheet = [['Pool', 'Partner', 'Amount']];
  for (const r of payments) p.push([String(r.Pool), String(r.Partner), plainNumber(r.Amount)]);

  const cn = c.length;
  const ln = Math.max(2, l.length);
  const pn = Math.max(2, p.length);
  const pools: Sheet = [['Pool', 'Budget', 'Outturn', 'Variance']];
  poolNames.forEach((name, i) => {
    const row = i + 2;
    pools.push([
      name,
      `=SUMIFS(Contributions!$F$2:$F$${cn}, Contributions!$A$2:$A$${cn}, A${row})`,
      `=SUMIFS(Lines!$B$2:$B$${ln}, Lines!$A$2:$A$${ln}, A${row})`,
      `=C${row}-B${row}`,
    ]);
  });
  const qn = pools.length;
  const shares: Sheet = [['Pool', 'Partner', 'Net', 'Budget', 'Share', 'Variance', 'Allocation', 'Final cost', 'Paid', 'Balance']];
  pairs.forEach(([pool, partner], i) => {
    const r = i + 2;
    shares.push([
      pool,
      partner,
      `=SUMIFS(Contributions!$F$2:$F$${cn}, Contributions!$A$2:$A$${cn}, A${r}, Contributions!$B$2:$B$${cn}, B${r})`,
      `=INDEX(Pools!$B$2:$B$${qn}, MATCH(A${r}, Pools!$A$2:$A$${qn}, 0))`,
      `=IF(D${r}=0, 0, C${r}/D${r})`,
      `=INDEX(Pools!$D$2:$D$${qn}, MATCH(A${r}, Pools!$A$2:$A$${qn}, 0))`,
      `=ROUND(F${r}*E${r}, 2)`,
      `=C${r}+G${r}`,
      `=SUMIFS(Payments!$C$2:$C$${pn}, Payments!$A$2:$A$${pn}, A${r}, Payments!$B$2:$B$${pn}, B${r})`,
      `=H${r}-I${r}`,
    ]);
  });
  const formulas = (cn - 1) + (qn - 1) * 3 + pairs.length * 8;
  return { sheets: { Contributions: c, Lines: l, Payments: p, Pools: pools, Shares: shares }, formulas };
}

/** Builds and calculates the model; returns the Shares grid as figures. */
export function runFormulaModel(model: FormulaModelSheets): PoolPartnerFigures[] {
  const hf = HyperFormula.buildFromSheets(model.sheets, { licenseKey: 'gpl-v3' });
  try {
    const id = hf.getSheetId('Shares');
    if (id === undefined) throw new Error('formula model: no Shares sheet');
    const values = hf.getSheetValues(id);
    const num = (v: unknown): number => {
      if (typeof v !== 'number') throw new Error(`formula model: a cell calculated to ${JSON.stringify(v)}`);
      return v;
    };
    return values.slice(1).map((r) => ({
      pool: String(r[0]),
      partner: String(r[1]),
      net: num(r[2]),
      share: num(r[4]),
      variance: num(r[5]),
      allocation: num(r[6]),
      finalCost: num(r[7]),
      paid: num(r[8]),
      balance: num(r[9]),
    }));
  } finally {
    hf.destroy();
  }
}
