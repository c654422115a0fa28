/**
 * From typed rows to the pool model, one module per table (docs/rules.md, "Input tables"):
 * partners.ts, pools.ts, lines.ts, contributions.ts, riskshare.ts, savings.ts, payments.ts; the
 * cross-references they share are in context.ts. Every check names its table, row and column; a
 * pool with an error is marked failed and gets no figures.
 */
import type { TableName, Table } from '../tables';
import { nearest, suggester, type Warnings } from '../warnings';
import type { Ctx } from './context';
import type { Model } from './types';
import { buildPartners } from './partners';
import { buildPools } from './pools';
import { buildLines } from './lines';
export { checkForecasts } from './lines';
import { buildContributions } from './contributions';
import { buildRiskShare } from './riskshare';
import { buildSavings } from './savings';
import { buildPayments } from './payments';
import { checkUnits } from './units';

export type { Band, ContributionModel, LineModel, Model, PaymentModel, PoolModel, SavingModel } from './types';

export function buildModel(tables: Record<TableName, Table>, w: Warnings): Model {
  const { partners, names } = buildPartners(tables.Partners, w);
  const ctx: Ctx = { T: tables, w, known: new Set(partners), pools: [], byName: new Map(), lineNames: new Map(),
    hint: suggester(nearest) }; // the module's nearest, so a test can count the searches
  buildPools(ctx);
  buildLines(ctx);
  buildContributions(ctx);
  buildRiskShare(ctx);
  buildSavings(ctx);
  buildPayments(ctx);
  checkUnits(ctx);
  return { partners, names, pools: ctx.pools };
}
