/**
 * #VALUE! with a message, the way Excel's custom functions runtime wants it
 * (`new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message)`). Outside Excel
 * (unit tests, HyperFormula) the runtime is absent and an equivalent plain error is returned.
 */
import { InputProblem } from './convert';

/** What a function returns for bad input (never thrown). */
export interface FunctionError {
  code: string;
  message: string;
}

class PlainValueError extends Error implements FunctionError {
  readonly code = '#VALUE!';
}

export function invalidValue(message: string): FunctionError {
  // Excel limits the message shown on the cell; keep it to one line.
  const text = message.replace(/\s+/g, ' ').trim().slice(0, 255);
  if (typeof CustomFunctions !== 'undefined' && CustomFunctions.Error) {
    return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, text) as unknown as FunctionError;
  }
  return new PlainValueError(text);
}

/**
 * Runs a function body; bad input or any surprise becomes #VALUE! with words, never a throw.
 * Typed as the body's result because Excel accepts its error object in place of any declared
 * result type (the metadata generator requires the declared type to be the success type).
 */
export function guarded<T>(name: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    const msg = e instanceof InputProblem ? e.message : e instanceof Error ? e.message.split('\n')[0] : String(e);
    return invalidValue(`POOL.${name}: ${msg}`) as unknown as T;
  }
}

/** True for what `invalidValue` returns (either form). */
export function isFunctionError(v: unknown): v is FunctionError {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return typeof (v as FunctionError).message === 'string' && 'code' in v;
}
