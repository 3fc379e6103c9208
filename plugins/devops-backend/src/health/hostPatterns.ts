/**
 * Compiles `devops.health.allowedHosts` patterns: host names where `*`
 * stands for any run of characters (`*.internal.example.com`, `localhost`,
 * `10.20.*`). No patterns means every host is allowed.
 */
export function compileHostPatterns(
  patterns: string[] | undefined,
): (host: string) => boolean {
  if (!patterns || patterns.length === 0) {
    return () => true;
  }
  const regexes = patterns.map(
    pattern =>
      new RegExp(
        `^${pattern
          .toLocaleLowerCase('en-US')
          .split('*')
          .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ),
  );
  return host => {
    const normalized = host.toLocaleLowerCase('en-US').replace(/^\[|\]$/g, '');
    return regexes.some(r => r.test(normalized));
  };
}
