import { makeStyles, type Theme } from '@material-ui/core/styles';
import { readableOn } from './contrast';
import { toneColour } from './statusTone';

const text = (theme: Theme, tone: 'warning' | 'error') => ({
  color: readableOn(toneColour(theme, tone)!, theme.palette.background.paper),
});

/**
 * Classes for warning and error text on a card: the theme's status colour,
 * darkened or lightened until it reaches 4.5:1 on the card's background.
 * Pair them with an icon or words that say the same.
 */
export const useToneText = makeStyles(theme => ({
  warning: text(theme, 'warning'),
  error: text(theme, 'error'),
  icon: { fontSize: '1rem', verticalAlign: 'text-bottom', marginRight: 4 },
}));
