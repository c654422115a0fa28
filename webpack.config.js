/* eslint-disable no-undef */
// Webpack build of the Excel add-in, after Microsoft's "Excel custom functions with a shared
// runtime" template: one page (taskpane.html) hosts the task pane, the custom functions and the
// ribbon commands in a single long-lived runtime.
//
//   npm run build        production bundle in dist/ (manifest URLs -> $POOLSHARE_URL if set)
//   npm run build:dev    development bundle in dist/
//   npm run dev-server   https://localhost:3000 with office-addin-dev-certs
//
// dist/ is shared with the command line's tsc output (dist/cli, dist/engine, dist/workbook):
// the clean step keeps those.
const path = require('path');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';

/** The production base URL (must end with '/'), from `--env url=...` or POOLSHARE_URL. */
function productionUrl(env) {
  const url = (env && env.url) || process.env.POOLSHARE_URL || '';
  if (!url) return null;
  if (!/^https:\/\/[^\s]+\/$/.test(url)) {
    throw new Error(`Poolshare: the production URL must be https and end with '/': got ${url}`);
  }
  return url;
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
  const urlProd = productionUrl(env);
  if (!dev && !urlProd) {
    console.warn(`Poolshare: POOLSHARE_URL not set; the production manifest keeps ${urlDev}`);
  }
  const rewriteUrls = (content) => {
    const text = content.toString();
    return !dev && urlProd ? text.split(urlDev).join(urlProd) : text;
  };

  return {
    devtool: dev ? 'source-map' : false,
    target: ['web', 'es2020'],
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      functions: './src/functions/functions.ts',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: { keep: (asset) => /^(cli|engine|workbook)([\\/]|$)/.test(asset) },
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
        chunks: ['taskpane', 'functions', 'commands'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'manifest*.xml', to: '[name][ext]', transform: rewriteUrls },
        ],
      }),
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
