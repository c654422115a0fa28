// The Excel custom functions runtime globals Poolshare uses (the subset of
// @types/custom-functions-runtime, which is not a dependency). Present only inside Excel.
declare namespace CustomFunctions {
  class Error {
    constructor(errorCode: ErrorCode, errorMessage?: string);
    code: ErrorCode;
    message?: string;
  }
  enum ErrorCode {
    invalidValue = '#VALUE!',
    notAvailable = '#N/A',
    divisionByZero = '#DIV/0!',
    invalidNumber = '#NUM!',
    nullReference = '#NULL!',
    invalidName = '#NAME?',
    invalidReference = '#REF!',
  }
  function associate(id: string, functionObject: (...args: any[]) => unknown): void;
}
