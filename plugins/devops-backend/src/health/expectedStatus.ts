/**
 * Parses `devops/health-expect`: comma-separated codes or classes such as
 * `200,204` or `2xx,301`. Empty or unusable means any 2xx.
 */
export function parseExpectedStatus(
  value: string | undefined,
): (status: number) => boolean {
  const exact = new Set<number>();
  const classes = new Set<number>();
  for (const part of (value ?? '').split(',')) {
    const token = part.trim().toLowerCase();
    if (/^[1-5]xx$/.test(token)) {
      classes.add(Number(token[0]));
    } else if (/^[1-5]\d\d$/.test(token)) {
      exact.add(Number(token));
    }
  }
  if (exact.size === 0 && classes.size === 0) {
    classes.add(2);
  }
  return status => exact.has(status) || classes.has(Math.floor(status / 100));
}
