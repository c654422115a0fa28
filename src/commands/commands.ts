/**
 * Ribbon commands. In the shared runtime the ribbon's "Validate" button (ExecuteFunction
 * `validateWorkbook` in manifest.xml) runs here without opening the task pane: it validates the
 * workbook, highlights the cells, writes the `Poolshare warnings` sheet and shows it. The pane
 * (same runtime) hears the outcome; on a failure the pane is opened to say what went wrong.
 */
import { officeStore, validateWorkbook } from '../excel/adapter';
import { STATUS_EVENT, type StatusDetail } from '../taskpane/view';

function tell(detail: StatusDetail): void {
  window.dispatchEvent(new CustomEvent<StatusDetail>(STATUS_EVENT, { detail }));
}

export async function validateFromRibbon(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const report = await validateWorkbook(officeStore(), undefined, { showWarningsSheet: true });
    tell({ kind: 'validated', report });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    tell({ kind: 'failed', message: `Poolshare could not validate the workbook: ${why}` });
    try {
      await Office.addin.showAsTaskpane();
    } catch {
      /* the host cannot open the pane from here: the message waits in the pane */
    }
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('validateWorkbook', validateFromRibbon);
});
