/**
 * The POOL functions registered in HyperFormula (a real spreadsheet engine) as a function plugin,
 * so tests can evaluate them as formulas over ranges of a sheet. HyperFormula fixes an array
 * formula's size before evaluating it, so a function whose spill size depends on the data
 * (RISKSHARE, SETTLE, SCHEDULE, VALIDATE) is given an upper bound and its result padded with
 * blanks; Excel spills the exact size.
 */
import { ArraySize, CellError, type ImplementedFunctions, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from 'hyperformula';
import * as POOL from '../../src/functions/functions';
import { isFunctionError } from '../../src/functions/errors';

type Ast = { args: unknown[] };
type State = unknown;
type Fn = (...args: unknown[]) => unknown;

// HyperFormula passes an empty cell as null, as Excel on the web does: say so as the web's runtime does.
(globalThis as { Office?: unknown }).Office = { context: { diagnostics: { platform: 'OfficeOnline' } } };

/** HyperFormula's values to what Excel passes a custom function: 2-D arrays, null for blank. */
function toExcel(v: unknown): unknown {
  const cell = (x: unknown): unknown => {
    if (x === EmptyValue || x === undefined) return null;
    if (x instanceof CellError) return { code: `#${x.type}`, message: x.message ?? '' };
    if (typeof x === 'object' && x !== null && 'val' in x) return (x as { val: unknown }).val; // rich numbers
    return x;
  };
  if (v instanceof SimpleRangeValue) return v.rawData().map((row) => row.map(cell));
  return cell(v);
}

/** Size bounds: the result's rows as a function of the arguments' sizes. */
const SIZES: Record<string, (sizes: ArraySize[]) => [number, number]> = {
  NET: (s) => [s[0].width, s[0].height],
  ALLOCATE: (s) => [s[1].width, s[1].height],
  SHARES: (s) => [s[0].width, s[0].height],
  RISKSHARE: (s) => [6, Math.max(2, s[0].height)],
  SETTLE: (s) => [3, Math.max(2, s[0].height * s[0].height)],
  SCHEDULE: () => [2, 13],
  VALIDATE: (s) => [4, Math.max(2, s[0].height * s[0].width + 1)],
};
const ARITY: Record<string, [number, number]> = {
  NET: [1, 3], ALLOCATE: [2, 2], SHARES: [1, 1], RISKSHARE: [2, 6], SETTLE: [1, 2], SCHEDULE: [3, 3], VALIDATE: [1, 2],
};

class PoolPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};
}
for (const name of Object.keys(ARITY)) {
  const [min, max] = ARITY[name];
  const fullName = `POOL.${name}`;
  PoolPlugin.implementedFunctions[fullName] = {
    method: `pool${name}`,
    sizeOfResultArrayMethod: `pool${name}Size`,
    parameters: Array.from({ length: max }, (_, i) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: i >= min })),
    vectorizationForbidden: true,
  };
  const proto = PoolPlugin.prototype as unknown as Record<string, unknown>;
  proto[`pool${name}`] = function (this: FunctionPlugin & { metadata: (n: string) => unknown }, ast: Ast, state: State) {
    const [w, h] = SIZES[name]((ast.args as unknown[]).map((a) => (this as unknown as { arraySizeForAst: (a: unknown, s: State) => ArraySize }).arraySizeForAst(a, state)));
    return (this as unknown as { runFunction: (...a: unknown[]) => unknown }).runFunction(ast.args, state, this.metadata(fullName), (...args: unknown[]) => {
      const out = ((POOL as unknown as Record<string, Fn>)[name])(...args.map(toExcel));
      if (isFunctionError(out)) return new CellError(ErrorType.VALUE, out.message);
      const rows = out as unknown[][];
      const padded = Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => (rows[r] && rows[r][c] !== undefined ? rows[r][c] : '')));
      return SimpleRangeValue.onlyValues(padded as never);
    });
  };
  proto[`pool${name}Size`] = function (this: unknown, ast: Ast, state: State) {
    const sizes = ast.args.map((a) => (this as { arraySizeForAst: (a: unknown, s: State) => ArraySize }).arraySizeForAst(a, state));
    const [w, h] = SIZES[name](sizes);
    return new ArraySize(w, h);
  };
}

const translations = { enGB: Object.fromEntries(Object.keys(ARITY).map((n) => [`POOL.${n}`, `POOL.${n}`])) };
HyperFormula.registerFunctionPlugin(PoolPlugin as never, translations);

export { HyperFormula };
