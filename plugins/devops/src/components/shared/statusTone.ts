import type { Theme } from '@material-ui/core/styles';

/** What a status means to the reader; each has a colour, icon and words. */
export type StatusTone = 'ok' | 'warning' | 'error' | 'neutral';

// Backstage themes add a status palette (ok, warning, error, ...) to
// Material UI's; apps with a plain Material UI theme still have the latter.
type StatusPalette = { ok?: string; warning?: string; error?: string };

/** The theme's colour for a tone; `undefined` for neutral. */
export function toneColour(theme: Theme, tone: StatusTone): string | undefined {
  const status = (theme.palette as { status?: StatusPalette }).status ?? {};
  switch (tone) {
    case 'ok':
      return status.ok ?? theme.palette.success.main;
    case 'warning':
      return status.warning ?? theme.palette.warning.main;
    case 'error':
      return status.error ?? theme.palette.error.main;
    default:
      return undefined;
  }
}
