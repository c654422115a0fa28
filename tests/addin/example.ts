/** The example rows Insert template fetches in the add-in (example.json), read here from the repository. */
import * as fs from 'fs';
import * as path from 'path';
import { exampleTables, type ExampleTables } from '../../src/excel/example';

export const EXAMPLE_PATH = path.resolve(__dirname, '../../examples/poolshare-example.json');
export const EXAMPLE: ExampleTables = exampleTables(JSON.parse(fs.readFileSync(EXAMPLE_PATH, 'utf8')))!;
