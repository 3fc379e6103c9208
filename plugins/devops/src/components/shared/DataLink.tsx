import { Link } from '@backstage/core-components';
import { isHttpUrl } from '@backstage-devops/plugin-devops-common';
import Typography from '@material-ui/core/Typography';
import { VisuallyHidden } from './VisuallyHidden';

/**
 * A link from the data (a pipeline run, a runbook). Only `http:` and
 * `https:` addresses become links; anything else (`javascript:`, `data:`, a
 * relative path) is shown as plain text, since the data comes from CI
 * pipelines and alert annotations, not from us.
 *
 * The visible text is short ("Run"); the rest of its name ("1.9.4 on
 * production") is read by screen readers only, so a list of them can be told
 * apart.
 */
export const DataLink = (props: {
  url: string;
  text: string;
  context?: string;
}) => {
  if (!isHttpUrl(props.url)) {
    return (
      <Typography
        variant="body2"
        component="span"
        title="Not a web address, so not linked"
      >
        {props.text}: <code>{props.url}</code>
      </Typography>
    );
  }
  return (
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
};
