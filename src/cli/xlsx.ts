/** .xlsx in and out for the command line: the reader and the writers. */
export { readXlsx } from './xlsx-read';
export { writeResultsXlsx, writeSheetsXlsx, writeTablesXlsx, writeTemplateXlsx } from './xlsx-write';
