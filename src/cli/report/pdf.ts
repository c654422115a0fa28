/**
 * `poolshare report ... --pdf`: the pack printed to A4 PDF by headless Chromium (Debian's
 * /usr/bin/chromium, or $CHROMIUM_PATH) through playwright-core, where both are present. Nothing
 * is fetched: the pack is self-contained, scripts are off and every request is refused.
 */
import { existsSync } from 'fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const INSTEAD = 'or write the HTML pack (without --pdf) and print it to PDF from a browser';

/** The pack's HTML printed to PDF (A4, as its @page rule says). */
export async function printPdf(html: string, executablePath = CHROMIUM): Promise<Buffer> {
  if (!existsSync(executablePath)) {
    throw new Error(`--pdf needs Chromium, which is not at ${executablePath} (set CHROMIUM_PATH to it), ${INSTEAD}`);
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error(`--pdf needs the playwright-core package, which is not installed, ${INSTEAD}`);
  }
  const browser = await chromium.launch({
    executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
