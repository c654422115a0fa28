/**
 * The ribbon's Validate (ExecuteFunction `validateWorkbook`): registered with
 * Office.actions.associate, it validates without the pane, shows the warnings sheet, always
 * completes the event, and on a failure opens the pane with the message.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require('./fake-excel.js');

type Action = (event: { completed: () => void }) => Promise<void>;

function setup() {
  const wb = new fake.Workbook();
  wb.addSheet('Partners', [['Partner'], ['CC'], ['ICB']]);
  wb.addSheet('Pools', [['Pool', 'Host'], ['BCF', 'CC']]);
  wb.addSheet('Lines', [['Pool', 'Line', 'Forecast'], ['BCF', 'Care', 1000]]);
  wb.addSheet('Contributions', [['Pool', 'Line', 'Partner', 'Gross', 'Net'], ['BCF', 'Care', 'CC', 600, 600], ['BCF', 'Care', 'ICB', 400, 401]]);
  const host = fake.install(globalThis, wb, { office: true });
  const events: Array<{ type: string; detail: unknown }> = [];
  (globalThis as Record<string, unknown>).window = {
    dispatchEvent: (e: { type: string; detail: unknown }) => events.push({ type: e.type, detail: e.detail }),
  };
  (globalThis as Record<string, unknown>).CustomEvent = class {
    constructor(public type: string, init: { detail: unknown }) {
      (this as unknown as { detail: unknown }).detail = init.detail;
    }
  };
  let action: Action | undefined;
  jest.isolateModules(() => {
    require('../../src/commands/commands');
  });
  return { wb, host, events, action: () => action ?? (action = (globalThis as unknown as { __poolshareActions: Record<string, Action> }).__poolshareActions.validateWorkbook) };
}

afterEach(() => {
  for (const k of ['Excel', 'Office', 'window', 'CustomEvent', '__poolshareActions']) delete (globalThis as Record<string, unknown>)[k];
});

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the ribbon Validate command', () => {
  it('validates without the pane, shows the warnings sheet and completes the event', async () => {
    const { wb, events, action } = setup();
    await tick(); // Office.onReady
    let completed = 0;
    await action()({ completed: () => completed++ });
    expect(completed).toBe(1);
    expect(wb.active.name).toBe('Poolshare warnings');
    expect(wb.fillOf('Contributions', 'E3')).toBe('#FFC7CE');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'poolshare:status', detail: { kind: 'validated' } });
  });

  it('on a failure completes the event, opens the pane and tells it why', async () => {
    const { events, action } = setup();
    await tick();
    (globalThis as unknown as { Excel: { run: () => Promise<never> } }).Excel.run = () => Promise.reject(new Error('The workbook is busy'));
    let opened = 0;
    (globalThis as unknown as { Office: { addin: { showAsTaskpane: () => Promise<void> } } }).Office.addin.showAsTaskpane = async () => {
      opened++;
    };
    let completed = 0;
    await action()({ completed: () => completed++ });
    expect(completed).toBe(1);
    expect(opened).toBe(1);
    expect(events[0]).toEqual({ type: 'poolshare:status', detail: { kind: 'failed', message: 'Poolshare could not validate the workbook: The workbook is busy' } });
  });
});
