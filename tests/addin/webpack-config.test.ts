/**
 * webpack.config.js: the three entries (the pane and the commands depend on the self-contained
 * functions entry), the metadata plugin, the pages (help.html among them), and in production every
 * https://localhost:3000 URL (manifest, functions.json, pages) rewritten to POOLSHARE_URL (or
 * --env url=...), the manifest's <AppDomain> to its origin. No dev certificate is touched unless serving.
 */
import * as fs from 'fs';
import * as path from 'path';

type Plugin = {
  constructor: { name: string };
  patterns?: Array<{ from: string; transform?: (c: Buffer) => string }>;
  userOptions?: Record<string, unknown>;
  apply?: (compiler: unknown) => void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require('../../webpack.config.js') as ((env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<{
  entry: Record<string, string | { import: string; dependOn?: string }>;
  optimization: { splitChunks: { chunks: (c: { name: string }) => boolean } };
  output: { path: string; clean: boolean };
  plugins: Plugin[];
  devServer?: unknown;
}>) & { rewriteUrls: (text: string, base: string | null) => string; fluentCss: (css: string) => string };

const MANIFEST = fs.readFileSync(path.resolve(__dirname, '../../manifest.xml'));
const PROD = 'https://addins.example.gov.uk/poolshare/';

async function manifestTransform(env: Record<string, unknown>, mode: string) {
  const config = await makeConfig(env, { mode });
  const copy = config.plugins.find((p) => p.constructor.name === 'CopyPlugin')!;
  const pattern = copy.patterns!.find((p) => p.from.startsWith('manifest'))!;
  return { config, out: pattern.transform!(MANIFEST) };
}

/** Runs the config's URL plugin over `assets` on a stand-in for webpack's compiler. */
async function rewriteAssets(mode: string, assets: Record<string, string>): Promise<Record<string, string>> {
  const config = await makeConfig({ url: PROD }, { mode });
  const plugin = config.plugins.find((p) => p.constructor.name === 'RewriteUrlsPlugin')!;
  const out = { ...assets };
  let process: (() => void) | undefined;
  const compilation = {
    hooks: { processAssets: { tap: (_: unknown, fn: () => void) => (process = fn) } },
    getAssets: () => Object.entries(out).map(([name, text]) => ({ name, source: { source: () => text } })),
    updateAsset: (name: string, src: { source: () => string }) => (out[name] = src.source()),
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack');
  plugin.apply!({ webpack, hooks: { thisCompilation: { tap: (_: string, fn: (c: unknown) => void) => fn(compilation) } } });
  process!();
  return out;
}

describe('webpack.config.js', () => {
  it('builds the pane and the commands on the self-contained functions entry, with functions.json from the JSDoc', async () => {
    const config = await makeConfig({}, { mode: 'development' });
    expect(config.entry).toEqual({
      taskpane: { import: './src/taskpane/taskpane.ts', dependOn: 'functions' },
      functions: './src/functions/functions.ts',
      commands: { import: './src/commands/commands.ts', dependOn: 'functions' },
    });
    // Nothing is split out of functions.js: Excel may load it alone.
    expect(config.optimization.splitChunks.chunks({ name: 'functions' })).toBe(false);
    expect(config.optimization.splitChunks.chunks({ name: 'taskpane' })).toBe(true);
    const names = config.plugins.map((p) => p.constructor.name);
    expect(names).toEqual(expect.arrayContaining(['CustomFunctionsMetadataPlugin', 'HtmlWebpackPlugin', 'CopyPlugin']));
    const pages = config.plugins.filter((p) => p.constructor.name === 'HtmlWebpackPlugin').map((p) => p.userOptions);
    expect(pages).toEqual([
      expect.objectContaining({ filename: 'taskpane.html', chunks: ['functions', 'taskpane', 'commands'], chunksSortMode: 'manual' }),
      expect.objectContaining({ filename: 'help.html', chunks: [] }),
      expect.objectContaining({ filename: 'commands.html', chunks: ['functions', 'commands'], chunksSortMode: 'manual' }),
    ]);
    expect(config.devServer).toBeUndefined();
    // dist/ holds only the add-in (the command line compiles to lib/): the clean step empties it.
    expect(config.output.clean).toBe(true);
  });

  it('rewrites every manifest URL in production only, the AppDomain to the origin', async () => {
    const prod = await manifestTransform({ url: PROD }, 'production');
    expect(prod.out).not.toContain('localhost');
    expect(prod.out).toContain(`${PROD}functions.js`);
    expect(prod.out).toContain('<AppDomain>https://addins.example.gov.uk</AppDomain>');
    const dev = await manifestTransform({ url: PROD }, 'development');
    expect(dev.out).toBe(MANIFEST.toString());
  });

  it('rewrites the help URLs of functions.json and the pages in production, nothing else', async () => {
    const json = JSON.stringify({ functions: [{ id: 'NET', helpUrl: 'https://localhost:3000/help.html#pool-net' }] });
    const assets = { 'functions.json': json, 'help.html': '<a href="https://localhost:3000/taskpane.html">', 'taskpane.js': 'x="https://localhost:3000/"' };
    const prod = await rewriteAssets('production', assets);
    expect(JSON.parse(prod['functions.json']).functions[0].helpUrl).toBe(`${PROD}help.html#pool-net`);
    expect(prod['help.html']).toBe(`<a href="${PROD}taskpane.html">`);
    expect(prod['taskpane.js']).toBe(assets['taskpane.js']);
    expect(await rewriteAssets('development', assets)).toEqual(assets);
  });

  it('refuses a production URL that is not https or lacks the final slash', async () => {
    await expect(makeConfig({ url: 'http://example.org/' }, { mode: 'production' })).rejects.toThrow(/must be https/);
    await expect(makeConfig({ url: 'https://example.org/x' }, { mode: 'production' })).rejects.toThrow(/end with/);
  });
});

describe('the pane\'s stylesheet: Fluent 2 tokens filled in at build time', () => {
  const css = fs.readFileSync(path.resolve(__dirname, '../../src/taskpane/taskpane.css'), 'utf8');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { webLightTheme, webDarkTheme } = require('@fluentui/tokens') as Record<string, Record<string, string>>;

  it('uses only Fluent tokens (and its own --done), each defined for light and, where it differs, dark', () => {
    const used = [...new Set([...css.matchAll(/var\(--(\w+)/g)].map((m) => m[1]))];
    expect(used.filter((n) => n !== 'done' && !(n in webLightTheme))).toEqual([]);
    const out = makeConfig.fluentCss(css);
    const [light, dark] = out.split('\n').slice(0, 20).filter((l) => /^:root(\[data-theme=dark\])?\{/.test(l));
    expect(light).toContain(`--colorNeutralBackground1:${webLightTheme.colorNeutralBackground1};`);
    expect(dark).toContain(`--colorNeutralBackground1:${webDarkTheme.colorNeutralBackground1};`);
    expect(dark).not.toContain('--fontSizeBase300'); // the same in both: said once
    expect(out).toContain('@media (prefers-color-scheme: dark){:root:not([data-theme=light]){');
    expect(out).not.toContain('@fluent-tokens');
  });
});

describe('help.html (the manifest SupportUrl and the functions help URLs point at it)', () => {
  const html = fs.readFileSync(path.resolve(__dirname, '../../src/help/help.html'), 'utf8');
  const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));

  it('has an anchor pool-<name> for every POOL function', () => {
    const src = fs.readFileSync(path.resolve(__dirname, '../../src/functions/functions.ts'), 'utf8');
    const names = [...src.matchAll(/@customfunction\s+(\w+)/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !ids.has(`pool-${n.toLowerCase()}`))).toEqual([]);
  });

  it('says in a line what every warning code means, and where the rules document is', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SEVERITY } = require('../../src/engine/warnings') as { SEVERITY: Record<string, string> };
    expect(Object.keys(SEVERITY).filter((c) => !ids.has(c))).toEqual([]);
    expect(html).toContain('docs/rules.md');
  });
});
