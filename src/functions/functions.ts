/**
 * The POOL custom functions. Thin wrappers: the work is in ./compute.ts on the engine; here each
 * function's JSDoc is the help Excel shows while typing, and custom-functions-metadata-plugin
 * turns it into functions.json. A bad call returns Excel's #VALUE! error object in place of the
 * declared result (see `guarded`), which is what the custom functions runtime expects. Every
 * function is read-only on the workbook and never throws: bad input returns #VALUE! with a
 * message saying what is wrong. Help: help.html#pool-<name> (the build rewrites the host).
 */
import * as compute from './compute';
import { guarded } from './errors';

/**
 * Net contribution: gross less service user income less grant funding (rule 1), cell by cell.
 * @customfunction NET
 * @helpurl https://localhost:3000/help.html#pool-net
 * @param {any[][]} gross Gross contributions: a cell or a range of amounts.
 * @param {any[][]} [income] Service user income to deduct: a cell, or a range the size of gross. Blank is 0; -5 is 5.
 * @param {any[][]} [grant] Grant funding to deduct: a cell, or a range the size of gross. Blank is 0; -5 is 5.
 * @returns {number[][]} Net contributions, the shape of gross.
 */
function NET(gross: any[][], income?: any[][], grant?: any[][]): number[][] {
  return guarded('NET', () => compute.net(gross, income, grant));
}

/**
 * Splits an amount over weights to the penny; the parts always add up to the amount exactly.
 * @customfunction ALLOCATE
 * @helpurl https://localhost:3000/help.html#pool-allocate
 * @param {any} amount The amount to split, in whole pennies (round it first if it has a fraction of a penny).
 * @param {any[][]} weights The weights (e.g. net contributions): zero or more, not all zero.
 * @returns {number[][]} The parts, spilled in the shape of weights.
 */
function ALLOCATE(amount: any, weights: any[][]): number[][] {
  return guarded('ALLOCATE', () => compute.allocateParts(amount, weights));
}

/**
 * Each weight's share of the total, as a fraction (format the cells as %).
 * @customfunction SHARES
 * @helpurl https://localhost:3000/help.html#pool-shares
 * @param {any[][]} weights The weights (e.g. net contributions): zero or more, not all zero.
 * @returns {number[][]} The shares, spilled in the shape of weights.
 */
function SHARES(weights: any[][]): number[][] {
  return guarded('SHARES', () => compute.shares(weights));
}

/**
 * Risk share of one pool (rules 1 to 7): each partner's net, share, savings charge, risk share and final cost.
 * @customfunction RISKSHARE
 * @helpurl https://localhost:3000/help.html#pool-riskshare
 * @param {any[][]} contributions_range Contributions with its header row: Pool, Line, Partner, Gross (Income, Grant).
 * @param {any[][]} lines_range Lines with its header row: Pool, Line (Lead, Forecast).
 * @param {any[][]} [riskshare_range] RiskShare with its header row: Pool (Partner, Percent, Cap, From, To...).
 * @param {any[][]} [savings_range] Savings with its header row: Pool, Line, Partner, Planned (Delivered, Agreed).
 * @param {any[][]} [pool] The pool's name (if the tables hold several), or its Pools row under the header.
 * @param {any[][]} [partners_range] Partners with its header row: the partner order, which breaks a penny's ties.
 * @returns {any[][]} A table with a header row: Partner, Net, Share, Savings charge, Risk share, Final cost.
 */
function RISKSHARE(
  contributions_range: any[][],
  lines_range: any[][],
  riskshare_range?: any[][],
  savings_range?: any[][],
  pool?: any[][],
  partners_range?: any[][],
): any[][] {
  return guarded('RISKSHARE', () =>
    compute.riskShare(contributions_range, lines_range, riskshare_range, savings_range, pool, partners_range));
}

/**
 * A pool's in-year monitoring at a period: outturn, variance, movement, reserve used, and each partner's projection.
 * @customfunction MONITOR
 * @helpurl https://localhost:3000/help.html#pool-monitor
 * @param {any[][]} pool The pool's name, or its Pools row under the header (blank if the tables hold one pool).
 * @param {any} period The period reported on: a date or "YYYY-MM" text; blank is the latest in forecasts_range.
 * @param {any[][]} forecasts_range Forecasts with its header row: Pool, Line, Period (Forecast, Partner, Spend).
 * @param {any[][]} contributions_range Contributions with its header row: Pool, Line, Partner, Gross (Income, Grant).
 * @param {any[][]} lines_range Lines with its header row: Pool, Line (Lead, Forecast).
 * @param {any[][]} [riskshare_range] RiskShare with its header row: Pool (Partner, Percent, Cap, From, To...).
 * @param {any[][]} [savings_range] Savings with its header row: Pool, Line, Partner, Planned (Delivered, Period...).
 * @param {any[][]} [partners_range] Partners with its header row: the partner order, which breaks a penny's ties.
 * @returns {any[][]} Period, Outturn, Variance, Movement, Reserve used; then each partner's row under its header.
 */
function MONITOR(
  pool: any[][],
  period: any,
  forecasts_range: any[][],
  contributions_range: any[][],
  lines_range: any[][],
  riskshare_range?: any[][],
  savings_range?: any[][],
  partners_range?: any[][],
): any[][] {
  return guarded('MONITOR', () => compute.monitorPool(pool, period, forecasts_range, contributions_range, lines_range,
    riskshare_range, savings_range, partners_range));
}

/**
 * Netted settlement payments from partners' balances (positive owes, negative is owed).
 * @customfunction SETTLE
 * @helpurl https://localhost:3000/help.html#pool-settle
 * @param {any[][]} balances_range Rows of partner, balance (or pool, partner, balance); a row of headings is skipped.
 * @param {any} [mode] "multilateral" (default: fewest payments), "bilateral" (net each pair) or "gross" (no netting).
 * @returns {any[][]} A table with a header row: From, To, Amount.
 */
function SETTLE(balances_range: any[][], mode?: any): any[][] {
  return guarded('SETTLE', () => compute.settle(balances_range, mode));
}

/**
 * A contribution paid in equal instalments over the financial year (extra pennies to the earliest).
 * @customfunction SCHEDULE
 * @helpurl https://localhost:3000/help.html#pool-schedule
 * @param {any} amount The amount to pay over the year, in whole pennies.
 * @param {any} frequency "monthly" (12 instalments) or "quarterly" (4); blank is monthly.
 * @param {any} year_start The first month of the financial year: a date or "YYYY-MM" text, e.g. "2025-04".
 * @returns {any[][]} A table with a header row: Due (YYYY-MM), Amount.
 */
function SCHEDULE(amount: any, frequency: any, year_start: any): any[][] {
  return guarded('SCHEDULE', () => compute.schedule(amount, frequency, year_start));
}

/**
 * Checks one pool table, each row and across rows (e.g. percents totalling 100): lists what is wrong, or OK.
 * @customfunction VALIDATE
 * @helpurl https://localhost:3000/help.html#pool-validate
 * @param {any[][]} table_range The table with its header row.
 * @param {any} [table_name] Partners, Pools, Lines, Contributions, RiskShare, Savings, Payments or Settings.
 * @returns {any[][]} OK, or a table with a header row: Severity, Code, Where, Message.
 */
function VALIDATE(table_range: any[][], table_name?: any): any[][] {
  return guarded('VALIDATE', () => compute.validate(table_range, table_name));
}

export { NET, ALLOCATE, SHARES, RISKSHARE, MONITOR, SETTLE, SCHEDULE, VALIDATE };
