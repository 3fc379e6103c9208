import { Gauge } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/**
 * The readiness score as a gauge, or a plain statement while no check could
 * be decided: an empty gauge would read as 0 %, which is not what is known.
 */
export const ReadinessScore = (props: { score?: number }) => {
  if (props.score === undefined) {
    return (
      <Box width={120} role="img" aria-label="Readiness score: not scored yet">
        <Typography variant="h6" component="span">
          Not scored yet
        </Typography>
      </Box>
    );
  }
  return (
    <Box width={120} role="img" aria-label={`Readiness score: ${props.score}%`}>
      <Gauge value={props.score / 100} size="small" />
    </Box>
  );
};
