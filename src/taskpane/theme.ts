/**
 * Office's theme on the pane. The Fluent 2 tokens are CSS variables (taskpane.css, filled from
 * @fluentui/tokens at build time) with a dark set under prefers-color-scheme; the Fluent web
 * components read the same variables. When Office tells us its theme (Office.context.officeTheme:
 * Colorful, Dark Gray, Black, White), its body colours win: the surfaces and strokes are mixed
 * from Office's background and foreground (so Dark Gray stays grey, not near-black), and every
 * text colour is checked against Office's background and moved towards its foreground until it
 * reads at WCAG 2.1 AA (4.5:1). A theme change while the pane is open is followed.
 */
export interface OfficeThemeColours {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
}

type RGB = [number, number, number];

function parse(hex: string | undefined): RGB | null {
  const m = /^\s*#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})\s*$/i.exec(hex ?? '');
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null;
}

function hex(c: RGB): string {
  return `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance of "#rrggbb" (0 black .. 1 white), or null if it is not such a colour. */
export function luminance(colour: string | undefined): number | null {
  const c = parse(colour);
  if (!c) return null;
  const [r, g, b] = c.map((x) => {
    const v = x / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two "#rrggbb" colours (1 .. 21). */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a) ?? 0, luminance(b) ?? 0].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** `a` moved a fraction `t` of the way to `b`. */
export function mix(a: string, b: string, t: number): string {
  const [p, q] = [parse(a), parse(b)];
  if (!p || !q) return a;
  return hex([0, 1, 2].map((i) => p[i] + (q[i] - p[i]) * t) as RGB);
}

/** `colour`, moved towards `towards` just far enough to read on `bg` at `ratio` (unchanged if it already does). */
export function readable(colour: string, bg: string, towards: string, ratio = 4.5): string {
  if (!parse(colour) || contrast(colour, bg) >= ratio) return colour;
  for (let t = 0.05; t < 1; t += 0.05) {
    const c = mix(colour, towards, t);
    if (contrast(c, bg) >= ratio) return c;
  }
  return towards;
}

/** Surfaces and strokes, as a fraction of the way from Office's background to its foreground. */
const SURFACES: Record<string, number> = {
  colorNeutralBackground2: 0.04,
  colorNeutralBackground3: 0.07,
  colorNeutralBackground1Hover: 0.08,
  colorNeutralBackground1Pressed: 0.12,
  colorNeutralBackground2Hover: 0.1,
  colorSubtleBackgroundHover: 0.08,
  colorSubtleBackgroundPressed: 0.12,
  colorNeutralStroke2: 0.2,
  colorNeutralStroke1: 0.35,
  colorNeutralStroke1Hover: 0.45,
  colorNeutralStrokeAccessible: 0.6,
};

/** Text colours checked against Office's background (the Fluent values where they already read well). */
const TEXTS = ['colorNeutralForeground2', 'colorNeutralForeground3', 'colorBrandForeground1', 'colorBrandForeground2',
  'colorBrandForegroundLink', 'colorNeutralForeground2BrandHover', 'colorPaletteRedForeground1',
  'colorPaletteGreenForeground1', 'colorPaletteRedForeground3', 'colorPaletteGreenForeground3',
  'colorStatusDangerForeground1', 'colorStatusSuccessForeground1', 'colorStatusWarningForeground1',
  'colorStatusWarningForeground3'];

const OWN = [...Object.keys(SURFACES), ...TEXTS, 'colorNeutralBackground1', 'colorNeutralForeground1'];

/** Applies Office's theme, if it gave one; returns the theme used ('auto': the system's). */
export function applyOfficeTheme(
  doc: Document, theme: OfficeThemeColours | undefined | null,
): 'light' | 'dark' | 'auto' {
  const root = doc.documentElement;
  for (const name of OWN) root.style.removeProperty(`--${name}`);
  const bg = theme?.bodyBackgroundColor;
  const l = luminance(bg);
  if (!theme || l === null || !bg) {
    delete root.dataset.theme;
    return 'auto';
  }
  const mode = l < 0.4 ? 'dark' : 'light';
  root.dataset.theme = mode;
  const fg = luminance(theme.bodyForegroundColor) !== null && contrast(theme.bodyForegroundColor as string, bg) >= 4.5
    ? (theme.bodyForegroundColor as string) : mode === 'dark' ? '#ffffff' : '#242424';
  const set = (name: string, value: string) => root.style.setProperty(`--${name}`, value);
  set('colorNeutralBackground1', bg);
  set('colorNeutralForeground1', fg);
  // Office's own white and black themes are Fluent's: only a grey (or any other) body gets mixed surfaces.
  const own = /^#?(ffffff|000000|1f1f1f|262626|292929)$/i.test(bg.trim());
  if (!own) for (const [name, t] of Object.entries(SURFACES)) set(name, mix(bg, fg, t));
  const style = doc.defaultView?.getComputedStyle(root);
  for (const name of TEXTS) {
    const now = style?.getPropertyValue(`--${name}`).trim() ?? '';
    if (parse(now)) {
      const ok = readable(now, bg, fg);
      if (ok !== now) set(name, ok);
    }
  }
  return mode;
}

/**
 * Follows the theme while the pane is open: Office's theme-changed event where the host has it,
 * the system's light/dark switch, and a fresh look at Office's theme whenever the pane regains
 * focus or is shown again (hosts that change theme without the event).
 */
export function followTheme(doc: Document, read: () => OfficeThemeColours | undefined | null): () => void {
  let last = '';
  const apply = () => {
    let theme: OfficeThemeColours | undefined | null;
    try {
      theme = read();
    } catch {
      theme = null;
    }
    const key = JSON.stringify(theme ?? null);
    if (key === last) return;
    last = key;
    applyOfficeTheme(doc, theme);
  };
  apply();
  const win = doc.defaultView;
  win?.addEventListener('focus', apply);
  doc.addEventListener('visibilitychange', apply);
  win?.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
    last = '';
    apply();
  });
  return apply;
}
