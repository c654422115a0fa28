/**
 * What the POOL functions compute, on the engine: each takes the raw arguments as Excel passes
 * them and returns a 2-D array of numbers and text (or a number). Throws InputProblem (or the
 * engine's RangeError) for bad input; functions.ts turns those into #VALUE!. One file per family
 * under compute/: amounts (NET, ALLOCATE, SHARES), riskshare, monitor, settle (SETTLE, SCHEDULE),
 * validate, and the tables helpers they share. Engine modules are imported one by one there (not
 * ../engine/index): the add-in bundle then leaves out zod, which only the command line's JSON reader
 * needs.
 */
export { allocateParts, net, shares } from './compute/amounts';
export { RISKSHARE_HEADER } from './compute/tables';
export { clearCaches, riskShare } from './compute/riskshare';
export { MONITOR_HEADER, MONITOR_PARTNER_HEADER, monitorPool } from './compute/monitor';
export { SCHEDULE_HEADER, SETTLE_HEADER, schedule, settle } from './compute/settle';
export { validate } from './compute/validate';
