/**
 * Office's theme on the pane. The Fluent 2 tokens are CSS variables (taskpane.css, filled from
 * @fluentui/tokens at build time) with a dark set under prefers-color-scheme; when Office tells us
 * its theme (Office.context.officeTheme), its body colours win and the dark set follows them.
 */
export interface OfficeThemeColours {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
}

/** Relative luminance of "#rrggbb" (0 black .. 1 white), or null if it is not such a colour. */
export function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((x) => {
    const c = parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Applies Office's theme, if it gave one; returns the theme used ('auto': the system's). */
export function applyOfficeTheme(
  doc: Document, theme: OfficeThemeColours | undefined | null,
): 'light' | 'dark' | 'auto' {
  const l = luminance(theme?.bodyBackgroundColor);
  const root = doc.documentElement;
  if (!theme || l === null) {
    delete root.dataset.theme;
    return 'auto';
  }
  const mode = l < 0.4 ? 'dark' : 'light';
  root.dataset.theme = mode;
  root.style.setProperty('--colorNeutralBackground1', theme.bodyBackgroundColor as string);
  if (luminance(theme.bodyForegroundColor) !== null) {
    root.style.setProperty('--colorNeutralForeground1', theme.bodyForegroundColor as string);
  }
  return mode;
}
