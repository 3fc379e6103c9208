import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  hidden: {
    border: 0,
    clip: 'rect(0 0 0 0)',
    height: 1,
    margin: -1,
    overflow: 'hidden',
    padding: 0,
    position: 'absolute',
    whiteSpace: 'nowrap',
    width: 1,
  },
});

/** Text for screen readers only, e.g. what a short link refers to. */
export const VisuallyHidden = (props: { children: ReactNode }) => {
  const classes = useStyles();
  return <span className={classes.hidden}>{props.children}</span>;
};
