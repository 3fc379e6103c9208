/**
 * Whether `value` is an absolute `http:` or `https:` URL: the only links the
 * DevOps plugins store and render. Anything else (`javascript:`, `data:`,
 * relative paths) is refused at ingestion and not rendered as a link.
 *
 * @public
 */
export function isHttpUrl(value: string | undefined | null): value is string {
  if (typeof value !== 'string' || value.length === 0) {
    return false;
  }
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
