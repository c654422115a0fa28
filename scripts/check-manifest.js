#!/usr/bin/env node
// Offline check of manifest.xml (`npm run validate` needs the internet; this does not).
// Well-formed XML, the add-in id, https URLs on one origin, every resid defined, the POOL
// namespace, the SharedRuntime requirement and one long-lived runtime, icons present at their
// declared sizes, and the ribbon's ExecuteFunction name registered by src/commands.
// A production manifest (its pages not on https://localhost, any manifest in a dist/ folder, or
// --production) must not name localhost anywhere (e.g. an AppDomain left behind); a dist/manifest.xml
// of a development build passes only with --dev. SupportUrl and LearnMoreUrl must be the help page.
// Office's limits (learn.microsoft.com, "String element", "DisplayName element", "HighResolutionIconUrl
// element"): a ShortStrings string up to 125 characters, a LongStrings one up to 250, DisplayName up
// to 125, Description up to 250; IconUrl 32x32 and HighResolutionIconUrl 64x64 pixels (task pane).
// Usage: node scripts/check-manifest.js [--json] [--production | --dev] [manifest.xml|dist/manifest.xml ...]
// (exit 1 and one line per problem)
'use strict';
const fs = require('fs');
const path = require('path');
const xml2js = require('xml2js');
const { OfficeAddinManifest } = require('office-addin-manifest');

const ROOT = path.resolve(__dirname, '..');
/** Build outputs the manifest may point at, and the source each comes from. */
const BUILD_OUTPUTS = {
  'taskpane.html': 'src/taskpane/taskpane.html',
  'commands.html': 'src/commands/commands.html',
  'functions.js': 'src/functions/functions.ts',
  'functions.json': 'src/functions/functions.ts',
  // The help page the build ships (SupportUrl, LearnMoreUrl); made by the task pane's build.
  'help.html': null,
};
const LOCAL = /^https:\/\/localhost(:\d+)?\//i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every element of the xml2js tree (explicitArray, attributes under `$`), with its tag. */
function* walk(node, tag) {
  if (typeof node === 'string') {
    yield { tag, node: { _: node } };
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) yield* walk(n, tag);
    return;
  }
  yield { tag, node };
  for (const [k, v] of Object.entries(node)) if (k !== '$' && k !== '_') yield* walk(v, k);
}
const local = (tag) => String(tag).replace(/^.*:/, '');
const attr = (node, name) => (node.$ ? node.$[name] : undefined);

function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function checkManifest(manifestPath = path.join(ROOT, 'manifest.xml'), opts = {}) {
  const problems = [];
  const text = fs.readFileSync(manifestPath, 'utf8');
  let doc;
  try {
    doc = await xml2js.parseStringPromise(text, { strict: true });
  } catch (e) {
    return { problems: [`not well-formed XML: ${String(e.message).split('\n')[0]}`], info: null };
  }
  const info = await OfficeAddinManifest.readManifestFile(manifestPath);
  if (!info.id || !GUID.test(info.id)) problems.push(`Id is not a GUID: ${info.id}`);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(info.version || '')) problems.push(`Version is not n.n.n.n: ${info.version}`);
  if (info.officeAppType !== 'TaskPaneApp') problems.push(`OfficeApp type is ${info.officeAppType}, expected TaskPaneApp`);
  if (!(info.hosts || []).includes('Workbook')) problems.push('Hosts does not include Workbook');
  if (info.permissions !== 'ReadWriteDocument') problems.push(`Permissions is ${info.permissions}, expected ReadWriteDocument`);

  const all = [...walk(doc, 'root')].map(({ tag, node }) => ({ tag: local(tag), node }));
  // Resources: id -> { kind, value }.
  const resources = new Map();
  for (const { tag, node } of all) {
    if (!['Image', 'Url', 'String'].includes(tag) || !attr(node, 'id')) continue;
    const id = attr(node, 'id');
    if (resources.has(id)) problems.push(`resource id defined twice: ${id}`);
    resources.set(id, { kind: tag, value: attr(node, 'DefaultValue') });
  }
  const used = new Set();
  for (const { tag, node } of all) {
    const resid = attr(node, 'resid');
    if (resid === undefined) continue;
    used.add(resid);
    if (!resources.has(resid)) problems.push(`<${tag} resid="${resid}"> has no resource`);
    if (resid.length > 32) problems.push(`resid longer than 32 characters: ${resid}`);
  }
  for (const id of resources.keys()) if (!used.has(id)) problems.push(`resource ${id} is never used`);
  // Strings: ShortStrings up to 125 characters, LongStrings up to 250 ("String element").
  for (const { tag, node } of all) {
    const limit = { ShortStrings: 125, LongStrings: 250 }[tag];
    if (!limit) continue;
    for (const [k, list] of Object.entries(node)) {
      if (local(k) !== 'String') continue;
      for (const str of list) {
        const v = attr(str, 'DefaultValue') || '';
        if (v.length > limit) problems.push(`string ${attr(str, 'id')} is ${v.length} characters, more than ${limit} (${tag})`);
      }
    }
  }
  for (const [tag, limit] of [['DisplayName', 125], ['Description', 250]]) {
    const el = all.find((e) => e.tag === tag && e.node.$ && e.node.$.DefaultValue !== undefined);
    const v = el ? attr(el.node, 'DefaultValue') : '';
    if (v.length > limit) problems.push(`${tag} is ${v.length} characters, more than ${limit}`);
  }

  // The base every page and asset sits under: where the shared runtime's page is.
  const page = resources.get('Shared.Url');
  const base = page && page.value ? page.value.replace(/[^/]*$/, '') : 'https://localhost:3000/';
  // A manifest in dist/ is what gets deployed: a development build's passes only when told (--dev).
  const built = path.basename(path.dirname(path.resolve(manifestPath))) === 'dist';
  const production = !opts.dev && (!!opts.production || built || !LOCAL.test(base));
  if (production && /localhost/i.test(text)) {
    const where = text.split('\n').map((l, i) => [i + 1, l.trim()]).filter(([, l]) => /localhost/i.test(l));
    const hint = built && LOCAL.test(base) ? ' (a development build: build with POOLSHARE_URL=https://your.host/path/ to '
      + 'deploy, or pass --dev to check a development build)' : '';
    problems.push(`production manifest still names https://localhost:3000${hint}: `
      + `${where.map(([n, l]) => `line ${n} ${l}`).join('; ')}`);
  }
  const support = all.find((e) => e.tag === 'SupportUrl');
  const learn = resources.get('GetStarted.LearnMoreUrl');
  for (const [what, url] of [['SupportUrl', support && attr(support.node, 'DefaultValue')], ['LearnMoreUrl', learn && learn.value]]) {
    if (url !== `${base}help.html`) problems.push(`${what} is ${url}, not the help page ${base}help.html`);
  }

  // URLs: https, one origin, pointing at something the build makes or assets/.
  const urls = [];
  for (const { node } of all) {
    for (const v of [attr(node, 'DefaultValue'), typeof node._ === 'string' ? node._ : undefined]) {
      if (typeof v === 'string' && /^[a-z]+:\/\//i.test(v)) urls.push(v);
    }
  }
  for (const { tag, node } of all) if (tag === 'AppDomain' && typeof node === 'object' && node._) urls.push(node._);
  const origins = new Set();
  for (const u of urls) {
    let parsed;
    try {
      parsed = new URL(u);
    } catch {
      problems.push(`not a URL: ${u}`);
      continue;
    }
    if (parsed.protocol !== 'https:') problems.push(`URL is not https: ${u}`);
    origins.add(parsed.origin);
    if (!u.startsWith(base)) {
      if (parsed.pathname !== '/') problems.push(`URL ${u} is not under ${base}`);
      continue;
    }
    const rel = decodeURIComponent(u.slice(base.length).replace(/[?#].*$/, ''));
    if (!rel) continue;
    if (rel.startsWith('assets/')) {
      if (!fs.existsSync(path.join(ROOT, rel))) problems.push(`URL ${u}: ${rel} does not exist`);
    } else if (rel in BUILD_OUTPUTS) {
      const source = BUILD_OUTPUTS[rel];
      if (source && !fs.existsSync(path.join(ROOT, source))) problems.push(`URL ${u}: its source ${source} does not exist`);
    } else {
      problems.push(`URL ${u} points at nothing the build makes`);
    }
  }
  if (origins.size !== 1) problems.push(`URLs use ${origins.size} origins: ${[...origins].join(', ')}`);

  // Icons: each bt:Image exists at the size it is declared with.
  for (const { tag, node } of all) {
    if (tag !== 'Image' || !attr(node, 'size') || !attr(node, 'resid')) continue;
    const res = resources.get(attr(node, 'resid'));
    if (!res) continue;
    if (!res.value.startsWith(base)) continue; // reported above
    const rel = res.value.slice(base.length);
    const file = path.join(ROOT, rel);
    if (!fs.existsSync(file)) continue; // reported above
    const size = pngSize(file);
    const want = Number(attr(node, 'size'));
    if (!size) problems.push(`${rel} is not a PNG`);
    else if (size.width !== want || size.height !== want) problems.push(`${rel} is ${size.width}x${size.height}, declared ${want}`);
  }

  // The add-in's own icons: IconUrl 32x32, HighResolutionIconUrl 64x64 (task pane add-ins).
  for (const [tag, want] of [['IconUrl', 32], ['HighResolutionIconUrl', 64]]) {
    const el = all.find((e) => e.tag === tag);
    const url = el && attr(el.node, 'DefaultValue');
    if (!url) {
      problems.push(`no ${tag}`);
      continue;
    }
    if (!url.startsWith(base)) continue; // reported above
    const file = path.join(ROOT, url.slice(base.length));
    if (!fs.existsSync(file)) continue; // reported above
    const size = pngSize(file);
    if (!size) problems.push(`${tag} ${url.slice(base.length)} is not a PNG`);
    else if (size.width !== want || size.height !== want) {
      problems.push(`${tag} ${url.slice(base.length)} is ${size.width}x${size.height}, not ${want}x${want}`);
    }
  }

  // Requirement sets and the shared runtime.
  const sets = all.filter((e) => e.tag === 'Set').map((e) => ({ name: attr(e.node, 'Name'), min: attr(e.node, 'MinVersion') }));
  if (!sets.some((s) => s.name === 'SharedRuntime' && s.min === '1.1')) problems.push('no SharedRuntime 1.1 requirement');
  // Worksheet custom properties mark Poolshare's sheets (src/excel/host.ts MANIFEST_API).
  if (!sets.some((s) => s.name === 'ExcelApi' && s.min === '1.12')) problems.push('no ExcelApi 1.12 requirement');
  const runtimes = all.filter((e) => e.tag === 'Runtime');
  if (runtimes.length !== 1) problems.push(`expected one Runtime, found ${runtimes.length}`);
  const runtime = runtimes[0] && runtimes[0].node;
  if (runtime && attr(runtime, 'lifetime') !== 'long') problems.push('the Runtime is not lifetime="long"');
  const shared = runtime && attr(runtime, 'resid');
  const pageResids = [];
  for (const { tag, node } of all) {
    if (tag === 'Page' || tag === 'Action') {
      for (const s of node.SourceLocation || []) pageResids.push({ where: tag, resid: attr(s, 'resid') });
    }
    if (tag === 'FunctionFile') pageResids.push({ where: tag, resid: attr(node, 'resid') });
  }
  for (const p of pageResids) {
    if (p.resid !== shared) problems.push(`${p.where} uses ${p.resid}, not the shared runtime ${shared}`);
  }

  // Custom functions: namespace POOL, script and metadata URLs.
  const cf = all.find((e) => e.tag === 'ExtensionPoint' && attr(e.node, 'xsi:type') === 'CustomFunctions');
  if (!cf) problems.push('no CustomFunctions extension point');
  else {
    const ns = cf.node.Namespace && attr(cf.node.Namespace[0], 'resid');
    const nsValue = ns && resources.get(ns) && resources.get(ns).value;
    if (nsValue !== 'POOL') problems.push(`custom functions namespace is ${nsValue}, expected POOL`);
    const url = (el) => {
      const r = cf.node[el] && cf.node[el][0].SourceLocation && attr(cf.node[el][0].SourceLocation[0], 'resid');
      return r && resources.get(r) ? resources.get(r).value : '';
    };
    if (!url('Script').endsWith('/functions.js')) problems.push('custom functions Script is not functions.js');
    if (!url('Metadata').endsWith('/functions.json')) problems.push('custom functions Metadata is not functions.json');
  }

  // Ribbon: the Poolshare group on the Home tab, unique control ids, registered function names.
  const ids = all.filter((e) => ['Control', 'Group'].includes(e.tag) && attr(e.node, 'id')).map((e) => attr(e.node, 'id'));
  if (new Set(ids).size !== ids.length) problems.push(`control or group ids repeat: ${ids.join(', ')}`);
  const home = all.find((e) => e.tag === 'OfficeTab' && attr(e.node, 'id') === 'TabHome');
  if (!home) problems.push('no group on the Home tab (OfficeTab id="TabHome")');
  const commandsSource = fs.readFileSync(path.join(ROOT, 'src/commands/commands.ts'), 'utf8');
  for (const { tag, node } of all) {
    if (tag !== 'FunctionName') continue;
    const name = node._;
    if (!commandsSource.includes(`associate('${name}'`)) {
      problems.push(`ExecuteFunction ${name} is not registered with Office.actions.associate in src/commands/commands.ts`);
    }
  }
  return { problems, info };
}

module.exports = { checkManifest };

if (require.main === module) {
  // node scripts/check-manifest.js [--json] [--production | --dev] [manifest.xml ...]
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const production = args.includes('--production');
  const dev = args.includes('--dev');
  const files = args.filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));
  if (files.length === 0) files.push(path.join(ROOT, 'manifest.xml'));
  Promise.all(files.map((f) => checkManifest(f, { production, dev }))).then((results) => {
    if (json) {
      process.stdout.write(JSON.stringify(results.map((r, i) => ({ file: files[i], ...r }))));
      return;
    }
    results.forEach(({ problems }, i) => {
      for (const p of problems) console.error(`${path.relative(process.cwd(), files[i])}: ${p}`);
      if (!problems.length) console.log(`${path.relative(process.cwd(), files[i])}: OK`);
    });
    if (results.some((r) => r.problems.length)) process.exitCode = 1;
  });
}
