/**
 * The in-year monitoring result (docs/rules.md, "In-year monitoring"): amounts as strings
 * with two decimals, movement null at the first period.
 */
import type { FailedPoolResult, Method, PoolKind, RunOptions, RunResult, Units, Warning } from '../types';

export interface MonitorOptions extends RunOptions {
  /** The period reported on (`YYYY-MM`): overrides the Settings `Period` (the command line's --period). */
  period?: string;
}

export interface MonitorLine {
  line: string;
  /** The line's net contributions. */
  budget: string;
  /** The forecast used at the period (aligned: the partners' Spend). */
  forecast: string;
  variance: string;
  movement: string | null;
  /** True when the line had no forecast yet and was taken on budget (ON_BUDGET_ASSUMED). */
  assumed: boolean;
}

export interface MonitorPartner {
  partner: string;
  savingsCharge: string;
  riskShare: string;
  finalCost: string;
}

export interface SavingAtRisk {
  line: string;
  partner: string;
  planned: string;
  delivered: string;
  shortfall: string;
  agreed: boolean;
}

export interface PeriodResult {
  period: string;
  outturn: string;
  variance: string;
  movement: string | null;
  reserveUsed: string;
  reserveCarried: string;
  unallocated: string;
  partners: MonitorPartner[];
  lines: MonitorLine[];
  savingsAtRisk: SavingAtRisk[];
}

export interface MonitorPool {
  pool: string;
  kind: PoolKind;
  host: string | null;
  method: Method;
  budget: string;
  periods: PeriodResult[];
}

export interface MonitorResult {
  units: Units;
  /** The period reported on; null when there is none (no Forecasts and no `Period` setting). */
  period: string | null;
  periods: string[];
  pools: Array<MonitorPool | FailedPoolResult>;
  warnings: Warning[];
  /** The financial year used (spec, "Readings decided" 17). */
  year: RunResult['year'];
  /** Every pool with its `Name` from `Pools`: only when `Pools` has a Name column naming a pool (as RunResult). */
  poolNames?: RunResult['poolNames'];
}

export function isMonitorPool(p: MonitorPool | FailedPoolResult): p is MonitorPool {
  return !('errors' in p);
}
