/**
 * Checks the built add-in (dist/ after `npm run build`), offline:
 *  - size of the JavaScript the add-in loads (dist/*.js, minified, and gzipped);
 *  - the bundle's module list (webpack stats): no Node built-in (fs, path, ...), no Node-only or
 *    CLI-only package (exceljs, xlsx, hyperformula, ...), nothing from src/cli; the npm packages
 *    shipped, with their versions, must be on a short reviewed list (the offline stand-in for
 *    `npm audit --omit=dev`, which needs the network);
 *  - no network access beyond office.js: no fetch / XMLHttpRequest / WebSocket / EventSource /
 *    sendBeacon / importScripts in the built JS but the one fetch of Insert template's example rows
 *    (example.json beside the page, src/excel/example.ts), and the pages load scripts only from the
 *    bundle and from Microsoft's office.js CDN.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/**
 * Packages reviewed for the add-in bundle: the engine's runtime dependencies, and the task pane's
 * Fluent UI web components (Microsoft, MIT) with their dependencies and peers.
 */
export const SHIPPED_ALLOWED = ['decimal.js', 'zod', '@fluentui/web-components', '@fluentui/tokens', 'tslib',
  '@microsoft/fast-element', '@microsoft/focusgroup-polyfill'];
export const FORBIDDEN_PACKAGES = ['exceljs', 'xlsx', 'hyperformula', 'jszip', 'archiver', 'unzipper', 'fast-csv', 'saxes', 'playwright-core', 'office-addin-dev-certs', 'office-addin-mock'];
export const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'zlib', 'http', 'https', 'net', 'tls', 'stream', 'crypto', 'worker_threads', 'readline', 'dns', 'dgram', 'cluster', 'vm', 'process', 'buffer'];
export const NETWORK_APIS: Array<[string, RegExp]> = [
  ['fetch', /\bfetch\s*\(/g],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/g],
  ['WebSocket', /\bWebSocket\b/g],
  ['EventSource', /\bEventSource\b/g],
  ['sendBeacon', /\bsendBeacon\b/g],
  ['importScripts', /\bimportScripts\b/g],
];
export const OFFICE_JS = /^https:\/\/appsforoffice\.microsoft\.com\//;
/** The network uses the built add-in may have: Insert template's GET of example.json (src/excel/example.ts). */
export const NETWORK_ALLOWED: Record<string, number> = { fetch: 1 };
/** The Fluent UI web components and FAST, in a chunk of their own (webpack.config.js), budgeted apart. */
export const FLUENT_CHUNK = 'fluent.js';

interface StatsModule {
  name: string;
  size?: number;
  modules?: StatsModule[];
}

export interface BundleReport {
  files: Record<string, number>;
  totalKB: number;
  /** Poolshare's own JavaScript with decimal.js: every .js but the Fluent UI chunk. */
  oursKB: number;
  fluentKB: number;
  gzipKB: number;
  packages: Record<string, string> | null;
  moduleCount: number | null;
  violations: string[];
  networkUses: Record<string, number>;
  externalScripts: string[];
}

/** Module names of a webpack stats file, concatenated modules flattened. */
export function moduleNames(statsFile: string): string[] {
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as { modules?: StatsModule[] };
  const out = new Set<string>();
  const walk = (ms: StatsModule[] | undefined) => {
    for (const m of ms ?? []) {
      if (m.modules?.length) walk(m.modules);
      else out.add(m.name);
    }
  };
  // Only the main compilation: `children` are html-webpack-plugin's page compilations (HTML, not shipped JS).
  walk(stats.modules);
  return [...out];
}

/** What is wrong with a module list: Node built-ins, forbidden packages, CLI code, unreviewed packages. */
export function moduleViolations(names: string[]): string[] {
  const bad: string[] = [];
  for (const n of names) {
    const bare = n.replace(/ \(ignored\)$/, '').replace(/^node:/, '');
    if (NODE_BUILTINS.includes(bare)) bad.push(`Node built-in in the bundle: ${n}`);
    if (/(^|\/)src\/cli\//.test(n)) bad.push(`command-line code in the bundle: ${n}`);
    const pkg = packageOf(n);
    if (pkg && FORBIDDEN_PACKAGES.includes(pkg)) bad.push(`Node-only or CLI-only package in the bundle: ${n}`);
    else if (pkg && !SHIPPED_ALLOWED.includes(pkg)) bad.push(`unreviewed package in the bundle: ${pkg} (${n})`);
  }
  return [...new Set(bad)];
}

/** "./node_modules/@scope/name/x.js" -> "@scope/name". */
export function packageOf(moduleName: string): string | null {
  moduleName = moduleName.slice(moduleName.lastIndexOf('!') + 1); // loaders: "loader!resource"
  const i = moduleName.lastIndexOf('node_modules/');
  if (i < 0) return null;
  const parts = moduleName.slice(i + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** Uses of network APIs in a piece of JavaScript. */
export function networkUses(js: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, re] of NETWORK_APIS) {
    const n = (js.match(re) ?? []).length;
    if (n) out[name] = n;
  }
  return out;
}

/** Script and stylesheet URLs of an HTML page that are not part of the bundle and not office.js. */
export function externalScripts(html: string): string[] {
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
  return urls.filter((u) => /^(https?:)?\/\//i.test(u) && !OFFICE_JS.test(u));
}

export function checkBundle(root: string, statsFile?: string): BundleReport {
  const dist = path.join(root, 'dist');
  const files: Record<string, number> = {};
  let total = 0;
  let gzip = 0;
  const uses: Record<string, number> = {};
  const external: string[] = [];
  for (const f of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
    const full = path.join(dist, f);
    if (f.endsWith('.js')) {
      const buf = fs.readFileSync(full);
      files[f] = buf.length;
      total += buf.length;
      gzip += zlib.gzipSync(buf).length;
      for (const [k, n] of Object.entries(networkUses(buf.toString('utf8')))) uses[`${f}: ${k}`] = n;
    } else if (f.endsWith('.html')) {
      for (const u of externalScripts(fs.readFileSync(full, 'utf8'))) external.push(`${f}: ${u}`);
    }
  }
  let packages: Record<string, string> | null = null;
  let moduleCount: number | null = null;
  const violations: string[] = [];
  if (statsFile && fs.existsSync(statsFile)) {
    const names = moduleNames(statsFile);
    moduleCount = names.length;
    violations.push(...moduleViolations(names));
    packages = {};
    for (const n of names) {
      const p = packageOf(n);
      if (!p || packages[p]) continue;
      try {
        packages[p] = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
      } catch {
        packages[p] = '?';
      }
    }
  }
  const counted: Record<string, number> = {};
  for (const [k, n] of Object.entries(uses)) counted[k.split(': ')[1]] = (counted[k.split(': ')[1]] ?? 0) + n;
  for (const [k, n] of Object.entries(counted)) {
    if (n > (NETWORK_ALLOWED[k] ?? 0)) violations.push(`network API in the add-in: ${k} (${n}x)`);
  }
  for (const u of external) violations.push(`page loads a script or stylesheet from outside the bundle and office.js: ${u}`);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const fluent = files[FLUENT_CHUNK] ?? 0;
  return { files, totalKB: r1(total / 1024), oursKB: r1((total - fluent) / 1024), fluentKB: r1(fluent / 1024), gzipKB: r1(gzip / 1024), packages, moduleCount, violations, networkUses: uses, externalScripts: external };
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const r = checkBundle(root, process.argv[2]);
  process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  process.exitCode = r.violations.length ? 1 : 0;
}
