import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // Material UI's secondary text (black at 54 %) measures 4.41:1 on the
  // app's #f5f5f5 page; the selects sit on pages and cards alike, so the
  // label takes the primary text colour, readable on both.
  label: { color: theme.palette.text.primary },
}));

/** A small labelled select for the cards' filters. */
export function LabelledSelect<T extends string | number>(props: {
  id: string;
  label: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T) => void;
  minWidth?: number;
}) {
  const classes = useStyles();
  const valueId = `${props.id}-value`;
  return (
    <FormControl size="small" style={{ minWidth: props.minWidth ?? 160 }}>
      <InputLabel shrink id={props.id} className={classes.label}>
        {props.label}
      </InputLabel>
      <Select
        displayEmpty
        labelId={props.id}
        // Named by its label and then its value ("Status All statuses"), so
        // the accessible name contains the text a sighted user sees on it.
        SelectDisplayProps={{ id: valueId } as object}
        value={props.value}
        onChange={e => props.onChange(e.target.value as T)}
      >
        {props.options.map(option => (
          <MenuItem key={String(option.value)} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
