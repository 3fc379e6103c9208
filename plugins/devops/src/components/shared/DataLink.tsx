import { Link } from '@backstage/core-components';
import { VisuallyHidden } from './VisuallyHidden';

/**
 * A link from the data (a pipeline run, a runbook): the visible text is
 * short ("Run"), the rest of its name (" 1.9.4 on production") is read by
 * screen readers only, so a list of them can be told apart.
 */
export const DataLink = (props: {
  url: string;
  text: string;
  context?: string;
}) => (
  <Link to={props.url}>
    {props.context ? (
      <>
        {`${props.text} `}
        <VisuallyHidden>{props.context}</VisuallyHidden>
      </>
    ) : (
      props.text
    )}
  </Link>
);
