import { getContrastRatio } from '@material-ui/core/styles/colorManipulator';
import { opaqueOn, readableOn, textOn } from './contrast';

// Backstage's light and dark theme status colours and card backgrounds.
const light = {
  paper: '#FFFFFF',
  ok: '#1DB954',
  warning: '#FF9800',
  error: '#E22134',
};
const dark = {
  paper: '#424242',
  ok: '#71CF88',
  warning: '#FFB84D',
  error: '#F84C55',
};

describe('textOn', () => {
  it.each([
    ...[light.ok, light.warning, light.error],
    ...[dark.ok, dark.warning, dark.error],
    '#777777',
    '#f44336',
  ])('picks a text colour reaching 4.5:1 on %s', background => {
    expect(
      getContrastRatio(textOn(background), background),
    ).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps white on a dark fill and black on a light one', () => {
    expect(textOn('#1F5493')).toBe('#ffffff');
    expect(textOn('#FF9800')).toBe('#000000');
  });
});

describe('readableOn', () => {
  it.each([
    [light.warning, light.paper],
    [light.error, light.paper],
    [light.ok, light.paper],
    [dark.warning, dark.paper],
    [dark.error, dark.paper],
  ])('turns %s into text reaching 4.5:1 on %s', (colour, paper) => {
    expect(
      getContrastRatio(readableOn(colour, paper), paper),
    ).toBeGreaterThanOrEqual(4.5);
  });

  it('leaves a colour that already reaches 4.5:1 as it is', () => {
    expect(readableOn('#CA001B', '#FFFFFF')).toBe('#CA001B');
  });
});

describe('opaqueOn', () => {
  it('blends translucent text onto its background', () => {
    // Material UI's secondary text (black at 54 %) on a light grey page.
    expect(opaqueOn('rgba(0, 0, 0, 0.54)', '#f5f5f5')).toBe(
      'rgb(113, 113, 113)',
    );
    expect(opaqueOn('#123456', '#ffffff')).toBe('#123456');
  });

  it('makes translucent secondary text readable on a light grey page', () => {
    const text = readableOn('rgba(0, 0, 0, 0.54)', '#f5f5f5');
    expect(getContrastRatio(text, '#f5f5f5')).toBeGreaterThanOrEqual(4.5);
  });
});
