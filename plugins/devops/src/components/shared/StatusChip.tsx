import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import ScheduleIcon from '@material-ui/icons/Schedule';
import WarningIcon from '@material-ui/icons/Warning';
import { textOn } from './contrast';
import { type StatusTone, toneColour } from './statusTone';

const filled = (theme: Theme, tone: StatusTone) => {
  const background = toneColour(theme, tone)!;
  const text = textOn(
    background,
    theme.palette.common.white,
    theme.palette.common.black,
  );
  return {
    backgroundColor: background,
    color: text,
    '& $icon': { color: text },
  };
};

const useStyles = makeStyles(theme => ({
  icon: {},
  ok: filled(theme, 'ok'),
  warning: filled(theme, 'warning'),
  error: filled(theme, 'error'),
  neutral: {},
}));

const icons: Record<StatusTone, JSX.Element> = {
  ok: <CheckCircleIcon />,
  warning: <WarningIcon />,
  error: <ErrorIcon />,
  neutral: <ScheduleIcon />,
};

/**
 * A status as a chip: the theme's status colour with a text colour computed
 * to reach 4.5:1 on it, an icon per tone and the status in words, so the
 * meaning never rests on colour alone.
 */
export const StatusChip = (props: {
  tone: StatusTone;
  label: string;
  icon?: boolean;
}) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.label}
      icon={props.icon === false ? undefined : icons[props.tone]}
      classes={{ root: classes[props.tone], icon: classes.icon }}
    />
  );
};
