/**
 * webpack.config.js: the three entries, the metadata plugin, the pages, and the production
 * manifest's URLs rewritten to POOLSHARE_URL (or --env url=...). No dev certificate is touched
 * unless serving.
 */
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require('../../webpack.config.js') as (env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<{
  entry: Record<string, string>;
  output: { path: string; clean: { keep: (p: string) => boolean } };
  plugins: Array<{ constructor: { name: string }; patterns?: Array<{ from: string; transform?: (c: Buffer) => string }>; options?: Record<string, unknown>; userOptions?: Record<string, unknown> }>;
  devServer?: unknown;
}>;

const MANIFEST = fs.readFileSync(path.resolve(__dirname, '../../manifest.xml'));

async function manifestTransform(env: Record<string, unknown>, mode: string) {
  const config = await makeConfig(env, { mode });
  const copy = config.plugins.find((p) => p.constructor.name === 'CopyPlugin')!;
  const pattern = copy.patterns!.find((p) => p.from.startsWith('manifest'))!;
  return { config, out: pattern.transform!(MANIFEST) };
}

describe('webpack.config.js', () => {
  it('builds the task pane, functions and commands, with functions.json from the JSDoc', async () => {
    const config = await makeConfig({}, { mode: 'development' });
    expect(Object.keys(config.entry)).toEqual(['taskpane', 'functions', 'commands']);
    const names = config.plugins.map((p) => p.constructor.name);
    expect(names).toEqual(expect.arrayContaining(['CustomFunctionsMetadataPlugin', 'HtmlWebpackPlugin', 'CopyPlugin']));
    const pages = config.plugins.filter((p) => p.constructor.name === 'HtmlWebpackPlugin').map((p) => p.userOptions);
    expect(pages).toEqual([
      expect.objectContaining({ filename: 'taskpane.html', chunks: ['taskpane', 'functions', 'commands'] }),
      expect.objectContaining({ filename: 'commands.html', chunks: ['commands'] }),
    ]);
    expect(config.devServer).toBeUndefined();
    // The command line's compiled output shares dist/: the clean step keeps it.
    expect(config.output.clean.keep('cli/main.js')).toBe(true);
    expect(config.output.clean.keep('taskpane.js')).toBe(false);
  });

  it('rewrites the manifest URLs in production only, to the configured base', async () => {
    const prod = await manifestTransform({ url: 'https://addins.example.gov.uk/poolshare/' }, 'production');
    expect(prod.out).not.toContain('https://localhost:3000/');
    expect(prod.out).toContain('https://addins.example.gov.uk/poolshare/functions.js');
    const dev = await manifestTransform({ url: 'https://addins.example.gov.uk/poolshare/' }, 'development');
    expect(dev.out).toBe(MANIFEST.toString());
  });

  it('refuses a production URL that is not https or lacks the final slash', async () => {
    await expect(makeConfig({ url: 'http://example.org/' }, { mode: 'production' })).rejects.toThrow(/must be https/);
    await expect(makeConfig({ url: 'https://example.org/x' }, { mode: 'production' })).rejects.toThrow(/end with/);
  });
});
