// The offline manifest check (scripts/check-manifest.js, which reads the manifest with
// office-addin-manifest). It runs in a child Node process: office-addin-manifest pulls an ES
// module that Jest's CommonJS runtime cannot load.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

interface Checked {
  file: string;
  problems: string[];
  info: Record<string, unknown> | null;
}

function check(files: string[], flags: string[] = []): Checked[] {
  const script = path.join(ROOT, 'scripts/check-manifest.js');
  const r = spawnSync(process.execPath, [script, '--json', ...flags, ...files], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`check-manifest failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Checked[];
}

const PROD = 'https://addins.example.gov.uk/poolshare/';

/** Broken variants of manifest.xml, each with the problem the check must name. */
const BROKEN: Array<[string, (x: string) => string, RegExp]> = [
  ['truncated XML', (x) => x.replace('</OfficeApp>', ''), /not well-formed/],
  ['an undefined resid', (x) => x.replace('resid="Validate.Tooltip"', 'resid="Validate.Missing"'), /Validate.Missing.*has no resource/],
  ['the S75 namespace', (x) => x.replace('DefaultValue="POOL"', 'DefaultValue="S75"'), /namespace is S75/],
  ['an http URL', (x) => x.replace('https://localhost:3000/functions.js', 'http://localhost:3000/functions.js'), /not https/],
  ['a missing icon', (x) => x.replace('assets/icon-80.png"/>\n      </bt:Images>', 'assets/icon-81.png"/>\n      </bt:Images>'), /icon-81.png does not exist/],
  ['no SharedRuntime', (x) => x.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', ''), /no SharedRuntime 1.1 requirement/],
  ['an unregistered command', (x) => x.replace('<FunctionName>validateWorkbook</FunctionName>', '<FunctionName>nope</FunctionName>'), /ExecuteFunction nope is not registered/],
  ['a second runtime page', (x) => x.replace('<FunctionFile resid="Shared.Url"/>', '<FunctionFile resid="GetStarted.LearnMoreUrl"/>'), /FunctionFile uses GetStarted.LearnMoreUrl, not the shared runtime/],
  ['SupportUrl not the help page', (x) => x.replace('<SupportUrl DefaultValue="https://localhost:3000/help.html"/>',
    '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"/>'), /SupportUrl is .*taskpane.html, not the help page/],
  ['LearnMoreUrl not the help page', (x) => x.replace('id="GetStarted.LearnMoreUrl" DefaultValue="https://localhost:3000/help.html"',
    'id="GetStarted.LearnMoreUrl" DefaultValue="https://localhost:3000/taskpane.html"'), /LearnMoreUrl is .* not the help page/],
  ['a production manifest with its AppDomain left on localhost', (x) => x.split('https://localhost:3000/').join(PROD),
    /production manifest still names https:\/\/localhost:3000: line \d+ <AppDomain>https:\/\/localhost:3000<\/AppDomain>/],
  ['a bad id', (x) => x.replace('<Id>64a83fb5-27a8-4498-95cd-f5aee3335716</Id>', '<Id>poolshare</Id>'), /Id is not a GUID/],
  ['a ShortStrings string over 125 characters', (x) => x
    .replace(/(<bt:String id="Poolshare.Group.Label" DefaultValue=")[^"]*"/, `$1${'P'.repeat(126)}"`), /Poolshare.Group.Label is 126 characters, more than 125 \(ShortStrings\)/],
  ['the 80x80 icon as HighResolutionIconUrl', (x) => x.replace('assets/icon-64.png', 'assets/icon-80.png'),
    /HighResolutionIconUrl assets\/icon-80.png is 80x80, not 64x64/],
  ['no ExcelApi 1.12 requirement', (x) => x.replace('<Set Name="ExcelApi" MinVersion="1.12"/>', ''), /no ExcelApi 1.12 requirement/],
];

describe('manifest.xml (offline check)', () => {
  let results: Checked[];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poolshare-manifest-'));

  beforeAll(() => {
    // Variants live in the repo's root so their asset URLs resolve the same way.
    const files = BROKEN.map(([, edit], i) => {
      const edited = edit(MANIFEST);
      expect(edited).not.toBe(MANIFEST);
      const f = path.join(dir, `manifest-${i}.xml`);
      fs.writeFileSync(f, edited);
      return f;
    });
    results = check([path.join(ROOT, 'manifest.xml'), ...files]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes every check, read by office-addin-manifest', () => {
    expect(results[0].problems).toEqual([]);
    expect(results[0].info).toMatchObject({ displayName: 'Poolshare', hosts: ['Workbook'], permissions: 'ReadWriteDocument', officeAppType: 'TaskPaneApp' });
  });

  it('declares the POOL namespace, the shared runtime and the Home tab group', () => {
    expect(MANIFEST).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="POOL"\/>/);
    expect(MANIFEST).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(MANIFEST).toMatch(/<Runtime resid="Shared.Url" lifetime="long"\/>/);
    expect(MANIFEST).toMatch(/<OfficeTab id="TabHome">/);
    expect(MANIFEST).toMatch(/xsi:type="ExecuteFunction"/);
    expect(MANIFEST).toMatch(/xsi:type="ShowTaskpane"/);
  });

  it.each(BROKEN.map(([name, , want], i) => [name, i, want] as const))('catches %s', (_name, i, want) => {
    expect(results[i + 1].problems).toEqual(expect.arrayContaining([expect.stringMatching(want)]));
  });

  it('checks a production manifest (another host, under a path): clean when it names only that host', () => {
    const f = path.join(dir, 'manifest-production.xml');
    fs.writeFileSync(f, MANIFEST.split('https://localhost:3000/').join(PROD).replace('https://localhost:3000', 'https://addins.example.gov.uk'));
    expect(check([f])[0].problems).toEqual([]);
    // Told it is the production manifest, the source one fails: it still names localhost.
    expect(check([path.join(ROOT, 'manifest.xml')], ['--production'])[0].problems)
      .toEqual([expect.stringMatching(/^production manifest still names https:\/\/localhost:3000: line \d+ <IconUrl/)]);
  });

  it('points SupportUrl and LearnMoreUrl at the help page', () => {
    expect(MANIFEST).toContain('<SupportUrl DefaultValue="https://localhost:3000/help.html"/>');
    expect(MANIFEST).toContain('<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://localhost:3000/help.html"/>');
  });

  it('fails a development build\'s dist/manifest.xml (localhost) unless told it is one (--dev)', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'poolshare-dist-'));
    fs.mkdirSync(path.join(dist, 'dist'));
    const f = path.join(dist, 'dist', 'manifest.xml');
    fs.writeFileSync(f, MANIFEST);
    try {
      expect(check([f])[0].problems).toEqual([expect.stringMatching(/^production manifest still names https:\/\/localhost:3000 \(a development build: .*--dev/)]);
      expect(check([f], ['--dev'])[0].problems).toEqual([]);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('ships real PNG icons at 16, 32, 64 and 80 pixels', () => {
    for (const size of [16, 32, 64, 80]) {
      const b = fs.readFileSync(path.join(ROOT, 'assets', `icon-${size}.png`));
      expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([b.readUInt32BE(16), b.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});

describe('the functions\' arguments: functions.json and docs/addin.md agree', () => {
  // functions.golden.json is the generated functions.json (tests/addin/functions.test.ts checks it).
  const golden = JSON.parse(fs.readFileSync(path.join(__dirname, 'functions.golden.json'), 'utf8')) as {
    functions: Array<{ name: string; parameters: Array<{ name: string; optional?: boolean }> }>;
  };
  const docs = fs.readFileSync(path.join(ROOT, 'docs/addin.md'), 'utf8');
  const documented = new Map([...docs.matchAll(/`=POOL\.([A-Z]+)\(([^)]*)\)`\s*\|/g)].map((m) => [m[1], m[2].split(',').map((a) => a.trim())]));

  it.each(golden.functions.map((f) => [f.name, f] as const))('POOL.%s: the same number of arguments, optional the same', (name, f) => {
    const args = documented.get(name);
    expect(args).toBeDefined();
    expect(args!.map((a) => /^\[.*\]$/.test(a))).toEqual(f.parameters.map((p) => !!p.optional));
  });
});
