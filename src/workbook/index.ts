/**
 * The workbook layer, shared by the .xlsx command line and the Excel add-in. Pure: no files, no
 * exceljs, no Office. Sheets in as 2-D cell values, sheets out as 2-D blocks.
 */
export { readWorkbook, nameKey, readOf } from './read';
export { TableRows, headerSeek } from './rows';
export { findReportBlocks, checkReportBlock, blockToTables, type BlockNames } from './blocks';
export { buildOutputSheets, warningsSheet, currencyFormat, sheetName, TEXT_FORMAT, monthSerial } from './output';
export { monitoringSheet, MONITORING_SHEET } from './monitoring';
export { optionsSheet, OPTIONS_SHEET } from './options';
export { a1, columnLetters, columnNumber, indexes, parseA1, parseRange, rangeA1, sheetRef } from './a1';
export * from './types';
