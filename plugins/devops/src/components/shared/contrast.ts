import {
  darken,
  decomposeColor,
  getContrastRatio,
  getLuminance,
  hslToRgb,
  lighten,
  recomposeColor,
} from '@material-ui/core/styles/colorManipulator';

/** WCAG 2 AA for normal text (1.4.3). */
export const AA_TEXT_CONTRAST = 4.5;

/**
 * `colour` as it shows on `background`: a translucent colour (Material UI's
 * secondary text is black at 54 %) blended onto the background, since a
 * contrast ratio is only defined for opaque colours.
 */
export function opaqueOn(colour: string, background: string): string {
  const rgb = (c: string) =>
    decomposeColor(c.startsWith('hsl') ? hslToRgb(c) : c);
  const f = rgb(colour);
  const alpha = f.values[3] ?? 1;
  if (alpha >= 1) {
    return colour;
  }
  const b = rgb(background);
  const mixed = [0, 1, 2].map(i =>
    Math.round(f.values[i] * alpha + b.values[i] * (1 - alpha)),
  );
  return recomposeColor({
    type: 'rgb',
    values: mixed as [number, number, number],
  });
}

/**
 * The text colour for a filled background: whichever of the two candidates
 * (the theme's white and black) contrasts more with it. For any background
 * one of pure white and pure black reaches at least 4.58:1, so the pick
 * always meets AA.
 */
export function textOn(
  background: string,
  light = '#ffffff',
  dark = '#000000',
): string {
  return getContrastRatio(light, background) >=
    getContrastRatio(dark, background)
    ? light
    : dark;
}

/**
 * `colour` as text on `background`: the colour itself when it already
 * reaches `minimum` (AA, 4.5:1), otherwise the same hue darkened (on a light
 * background) or lightened (on a dark one) in small steps until it does.
 */
export function readableOn(
  colour: string,
  background: string,
  minimum = AA_TEXT_CONTRAST,
): string {
  const towardsDark = getLuminance(background) > 0.5;
  const opaque = opaqueOn(colour, background);
  let candidate = opaque;
  for (let step = 1; step <= 20; step++) {
    if (getContrastRatio(candidate, background) >= minimum) {
      return candidate;
    }
    candidate = towardsDark
      ? darken(opaque, step * 0.05)
      : lighten(opaque, step * 0.05);
  }
  return candidate;
}
