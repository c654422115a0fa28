/**
 * The POOL custom functions. Thin wrappers: the work is in ./compute.ts on the engine; here each
 * function's JSDoc is the help Excel shows while typing, and custom-functions-metadata-plugin
 * turns it into functions.json. A bad call returns Excel's #VALUE! error object in place of the
 * declared result (see `guarded`), which is what the custom functions runtime expects. Every function is read-only on the workbook and never throws:
 * bad input returns #VALUE! with a message saying what is wrong.
 */
import * as compute from './compute';
import { guarded } from './errors';

/**
 * Net contribution: gross less service user income less grant funding (rule 1), cell by cell.
 * @customfunction NET
 * @param {any[][]} gross Gross contribution: a cell or a range of amounts.
 * @param {any[][]} [income] Service user income to deduct: a cell, or a range the size of gross. Blank is 0.
 * @param {any[][]} [grant] Grant funding to deduct: a cell, or a range the size of gross. Blank is 0.
 * @returns {number[][]} Net contributions, the shape of gross.
 */
function NET(gross: any[][], income?: any[][], grant?: any[][]): number[][] {
  return guarded('NET', () => compute.net(gross, income, grant));
}

/**
 * Splits an amount over weights to the penny; the parts always add up to the amount exactly.
 * @customfunction ALLOCATE
 * @param {any} amount The amount to split.
 * @param {any[][]} weights The weights (e.g. net contributions): zero or more, not all zero.
 * @returns {number[][]} The parts, spilled in the shape of weights.
 */
function ALLOCATE(amount: any, weights: any[][]): number[][] {
  return guarded('ALLOCATE', () => compute.allocateParts(amount, weights));
}

/**
 * Each weight's share of the total, as a fraction (format the cells as %).
 * @customfunction SHARES
 * @param {any[][]} weights The weights (e.g. net contributions): zero or more, not all zero.
 * @returns {number[][]} The shares, spilled in the shape of weights.
 */
function SHARES(weights: any[][]): number[][] {
  return guarded('SHARES', () => compute.shares(weights));
}

/**
 * Risk share of a pool (rules 1 to 7): each partner's net, share, savings charge, risk share and final cost.
 * @customfunction RISKSHARE
 * @param {any[][]} contributions The Contributions table with its header row (Pool, Line, Partner, Gross, Income, Grant).
 * @param {any[][]} lines The Lines table with its header row (Pool, Line, Lead, Forecast).
 * @param {any[][]} [riskshare] The RiskShare table with its header row (Pool, Partner, Percent, Cap, From, To, Band method).
 * @param {any[][]} [savings] The Savings table with its header row (Pool, Line, Partner, Planned, Delivered, Agreed).
 * @param {any[][]} [pool] The pool's name, or the Pools table with its header row. Needed when the tables hold several pools.
 * @returns {any[][]} A table with a header row: Partner, Net, Share, Savings charge, Risk share, Final cost.
 */
function RISKSHARE(contributions: any[][], lines: any[][], riskshare?: any[][], savings?: any[][], pool?: any[][]): any[][] {
  return guarded('RISKSHARE', () => compute.riskShare(contributions, lines, riskshare, savings, pool));
}

/**
 * Netted settlement payments from partners' balances (positive owes, negative is owed).
 * @customfunction SETTLE
 * @param {any[][]} balances Rows of partner and balance, or of pool, partner and balance; a header row is allowed.
 * @param {any} [mode] "multilateral" (default: at most one payment fewer than partners), "bilateral" (net each pair) or "gross" (no netting).
 * @returns {any[][]} A table with a header row: From, To, Amount.
 */
function SETTLE(balances: any[][], mode?: any): any[][] {
  return guarded('SETTLE', () => compute.settle(balances, mode));
}

/**
 * A contribution paid in equal instalments over the financial year (extra pennies to the earliest).
 * @customfunction SCHEDULE
 * @param {any} amount The amount to pay over the year.
 * @param {any} [frequency] "monthly" (default, 12 instalments) or "quarterly" (4).
 * @param {any} [yearStart] The first month of the year: a date or "YYYY-MM" text. Default: the April before today.
 * @returns {any[][]} A table with a header row: Due (YYYY-MM), Amount.
 */
function SCHEDULE(amount: any, frequency?: any, yearStart?: any): any[][] {
  return guarded('SCHEDULE', () => compute.schedule(amount, frequency, yearStart));
}

/**
 * Checks one of the pool tables and lists what is wrong, or OK.
 * @customfunction VALIDATE
 * @param {any[][]} range The table with its header row.
 * @param {any} [table] Which table it is: Partners, Pools, Lines, Contributions, RiskShare, Savings, Payments or Settings. Default: guessed from the headers.
 * @returns {any[][]} OK, or a table with a header row: Severity, Code, Where, Message.
 */
function VALIDATE(range: any[][], table?: any): any[][] {
  return guarded('VALIDATE', () => compute.validate(range, table));
}

export { NET, ALLOCATE, SHARES, RISKSHARE, SETTLE, SCHEDULE, VALIDATE };
