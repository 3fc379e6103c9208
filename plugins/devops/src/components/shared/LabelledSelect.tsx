import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** A small labelled select for the cards' filters. */
export function LabelledSelect<T extends string | number>(props: {
  id: string;
  label: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T) => void;
  minWidth?: number;
}) {
  return (
    <FormControl size="small" style={{ minWidth: props.minWidth ?? 160 }}>
      <InputLabel shrink id={props.id}>
        {props.label}
      </InputLabel>
      <Select
        displayEmpty
        labelId={props.id}
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
