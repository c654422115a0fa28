/* eslint-disable no-undef */
// Webpack build of the Excel add-in, after Microsoft's "Excel custom functions with a shared
// runtime" template: one page (taskpane.html) hosts the task pane, the custom functions and the
// ribbon commands in a single long-lived runtime.
//
//   npm run build        production bundle in dist/ (every https://localhost:3000 URL in the manifest,
//                        functions.json and the pages -> $POOLSHARE_URL if set)
//   npm run build:dev    development bundle in dist/
//   npm run dev-server   https://localhost:3000 with office-addin-dev-certs
//
// One engine on the page: functions.js is self-contained (Excel may load it alone, in a runtime
// with no page), and the task pane and the commands depend on it (`dependOn`), so the engine and
// decimal.js load once on the shared-runtime page; what the pane and the commands share beyond it
// (the adapter, the workbook layer) is split into one chunk.
//
// dist/ holds only the add-in; the command line compiles to lib/ (tsconfig.build.json).
const path = require('path');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';
const originDev = 'https://localhost:3000';

/**
 * Every development URL in `text` moved to the production base: `https://localhost:3000/x` to
 * `<base>x`, and a bare `https://localhost:3000` (the manifest's <AppDomain>) to the base's origin.
 */
function rewriteUrls(text, base) {
  if (!base) return text;
  return text.split(urlDev).join(base).split(originDev).join(new URL(base).origin);
}

/** Rewrites the emitted text assets (functions.json from the metadata plugin, the pages). */
class RewriteUrlsPlugin {
  constructor(base) {
    this.base = base;
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PoolshareRewriteUrls', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'PoolshareRewriteUrls', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          for (const asset of compilation.getAssets()) {
            if (!/\.(json|html|xml)$/.test(asset.name)) continue;
            const text = asset.source.source().toString();
            const out = rewriteUrls(text, this.base);
            if (out !== text) compilation.updateAsset(asset.name, new sources.RawSource(out));
          }
        },
      );
    });
  }
}

/** A mistake in the build's settings, said in one sentence (see `settingsOrExit`). */
class ConfigError extends Error {}

/**
 * The production URL, or (run from webpack-cli: `npm run build`) the mistake printed as one clear
 * line and exit code 2, instead of webpack-cli's report with a stack trace. Called from code
 * (the tests), it throws.
 */
function productionUrlOrExit(env) {
  try {
    return productionUrl(env);
  } catch (e) {
    if (!(e instanceof ConfigError) || !(env && (env.WEBPACK_BUILD || env.WEBPACK_SERVE))) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
}

/** The production base URL (must end with '/'), from `--env url=...` or POOLSHARE_URL. */
function productionUrl(env) {
  const url = (env && env.url) || process.env.POOLSHARE_URL || '';
  if (!url) return null;
  let ok = /^https:\/\/[^\s]+\/$/.test(url);
  try {
    ok = ok && new URL(url).protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) throw new ConfigError(`Poolshare: POOLSHARE_URL must be https and end with '/' (the address the add-in `
    + `is served from, for example https://addins.example.org/poolshare/): got ${JSON.stringify(url)}.`);
  return url;
}

/**
 * The pane's stylesheet with the Fluent 2 tokens as CSS variables, from @fluentui/tokens: every
 * token (the Fluent web components read them too) light on :root, the dark values where they
 * differ under data-theme="dark" (Office's theme) or the system's dark mode.
 */
function fluentCss(css) {
  const { webLightTheme, webDarkTheme } = require('@fluentui/tokens');
  const used = Object.keys(webLightTheme).sort();
  const decl = (theme, names) => names.map((n) => `--${n}:${theme[n]};`).join('');
  const dark = decl(webDarkTheme, used.filter((n) => webDarkTheme[n] !== webLightTheme[n]));
  const block = `:root{${decl(webLightTheme, used)}}\n:root[data-theme=dark]{${dark}}\n` +
    `@media (prefers-color-scheme: dark){:root:not([data-theme=light]){${dark}}}`;
  return css.replace('/* @fluent-tokens */', block);
}

async function httpsOptions() {
  // Only when serving: it reads (or creates) the trusted localhost certificate.
  const devCerts = require('office-addin-dev-certs');
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = productionUrlOrExit(env);
  if (!dev && !urlProd) {
    console.warn(`Poolshare: POOLSHARE_URL not set; the production manifest keeps ${urlDev}`);
  }
  const base = !dev && urlProd ? urlProd : null;

  return {
    devtool: dev ? 'source-map' : false,
    target: ['web', 'es2020'],
    entry: {
      taskpane: { import: './src/taskpane/taskpane.ts', dependOn: 'functions' },
      functions: './src/functions/functions.ts',
      commands: { import: './src/commands/commands.ts', dependOn: 'functions' },
    },
    optimization: {
      // functions.js stays whole (it is loaded alone where there is no page); what the pane and the
      // commands both use is shared; what only the pane uses (the Fluent web components) stays in
      // taskpane.js, so commands.html does not load it.
      // The Fluent UI web components and FAST, which only the pane uses, are a chunk of their own
      // (fluent.js), so their weight is measured apart from ours (tests/addin/bundle.test.ts).
      splitChunks: {
        chunks: (chunk) => chunk.name !== 'functions', minSize: 0, name: 'shared',
        cacheGroups: {
          defaultVendors: false,
          fluent: {
            test: /[\\/]node_modules[\\/](@fluentui|@microsoft[\\/]fast-element|tslib)[\\/]/,
            name: 'fluent', priority: 10, enforce: true,
          },
          default: { minChunks: 2, reuseExistingChunk: true },
        },
      },
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // The add-in runs in a browser: no Node built-ins may be pulled in by accident.
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { configFile: 'tsconfig.addin.json', onlyCompileBundledFiles: true } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: 'asset/resource', generator: { filename: 'assets/[name][ext]' } },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        // The shared runtime page: pane, functions and commands in one runtime.
        // functions.js first: it carries the webpack runtime and the engine the others use.
        chunks: ['functions', 'taskpane', 'commands'],
        chunksSortMode: 'manual',
      }),
      new HtmlWebpackPlugin({
        filename: 'help.html',
        template: './src/help/help.html',
        chunks: [],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['functions', 'commands'],
        chunksSortMode: 'manual',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // Insert template's example rows (data, fetched when it runs: src/excel/example.ts).
          { from: 'examples/poolshare-example.json', to: 'example.json' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css', transform: (content) => fluentCss(content.toString()) },
          { from: 'manifest*.xml', to: '[name][ext]', transform: (content) => rewriteUrls(content.toString(), base) },
        ],
      }),
      new RewriteUrlsPlugin(base),
    ],
    devServer: serving
      ? {
          static: { directory: path.join(__dirname, 'dist'), publicPath: '/public' },
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: { type: 'https', options: await httpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
        }
      : undefined,
  };
};

module.exports.rewriteUrls = rewriteUrls;
module.exports.fluentCss = fluentCss;
module.exports.productionUrl = productionUrl;
module.exports.RewriteUrlsPlugin = RewriteUrlsPlugin;
