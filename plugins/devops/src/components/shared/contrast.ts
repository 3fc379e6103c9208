import {
  darken,
  getContrastRatio,
  getLuminance,
  lighten,
} from '@material-ui/core/styles/colorManipulator';

/** WCAG 2 AA for normal text (1.4.3). */
export const AA_TEXT_CONTRAST = 4.5;

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
  let candidate = colour;
  for (let step = 1; step <= 20; step++) {
    if (getContrastRatio(candidate, background) >= minimum) {
      return candidate;
    }
    candidate = towardsDark
      ? darken(colour, step * 0.05)
      : lighten(colour, step * 0.05);
  }
  return candidate;
}
