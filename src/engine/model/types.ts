/** The pool model: what the rules of pool.ts, share.ts and caps.ts work from, checked and typed. */
import type { Basis, Method, PoolKind, UnderspendRule } from '../types';
import type { Decimal } from '../money';

export interface LineModel {
  name: string;
  row: number;
  lead: string | null;
  forecast: Decimal | null;
}

export interface ContributionModel {
  row: number;
  line: string;
  partner: string;
  gross: Decimal;
  income: Decimal;
  grant: Decimal;
  net: Decimal;
  spend: Decimal;
}

export interface Band {
  from: Decimal;
  to: Decimal | null;
  method: 'proportional' | 'fixed';
  percents: Map<string, Decimal>;
  row: number;
}

export interface SavingModel {
  row: number;
  line: string;
  partner: string;
  /** The `Saving` column's name for it, where the table has one ("Readings decided" 20); else null. */
  saving: string | null;
  planned: Decimal;
  delivered: Decimal;
  agreed: boolean;
}

export interface PaymentModel {
  row: number;
  partner: string;
  amount: Decimal;
}

export interface PoolModel {
  name: string;
  row: number;
  kind: PoolKind;
  host: string | null;
  method: Method;
  reserve: Decimal;
  underspend: UnderspendRule;
  basis: Basis;
  lines: LineModel[];
  contributions: ContributionModel[];
  /** Fixed percents by partner (the pool's `fixed` method). */
  percents: Map<string, Decimal>;
  caps: Map<string, Decimal>;
  bands: Band[];
  savings: SavingModel[];
  payments: PaymentModel[];
}

export interface Model {
  partners: string[];
  /** Each partner's `Name`, or null when none is typed. */
  names: Map<string, string | null>;
  pools: PoolModel[];
}
