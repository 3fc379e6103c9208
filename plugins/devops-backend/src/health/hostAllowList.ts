import { AddressRanges, isIpLiteral } from './ipAddresses';

/**
 * `devops.health.allowedHosts`, compiled. Each entry is either
 *
 * - a host name pattern matched label by label: `*` stands for exactly one
 *   whole label (`*.example.com` matches `api.example.com`, not
 *   `a.b.example.com` or `169.254.169.254.example.com`), or for characters
 *   within one label (`payments-*.example.com`); or
 * - an IP address or CIDR range (`10.20.0.0/16`, `fd12::/16`): it allows IP
 *   literal URLs in that range, and allows names matched by a pattern to
 *   resolve into that range even where the deny list would refuse it.
 */
export class HostAllowList {
  private readonly patterns: RegExp[];
  /** Ranges the operator allowed explicitly. */
  readonly ranges: AddressRanges;
  /** Entries that no longer mean what they used to, to log at startup. */
  readonly advice: string[] = [];

  constructor(entries: string[]) {
    const cidrs = entries.filter(e => isIpLiteral(e.split('/')[0]));
    this.ranges = new AddressRanges(cidrs);
    this.patterns = entries
      .filter(e => !cidrs.includes(e))
      .map(pattern => {
        if (/^[\d*]+(\.[\d*]+)*$/.test(pattern) && pattern.includes('*')) {
          this.advice.push(
            `devops.health.allowedHosts: '${pattern}' is a host name pattern and matches no IP address; allow addresses with a CIDR range such as 10.20.0.0/16`,
          );
        }
        const labels = pattern.trim().toLocaleLowerCase('en-US').split('.');
        if (labels.some(label => label.length === 0)) {
          throw new Error(
            `devops.health.allowedHosts: '${pattern}' has an empty label`,
          );
        }
        const source = labels
          .map(label =>
            label === '*'
              ? '[^.]+'
              : label
                  .split('*')
                  .map(part => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
                  .join('[^.]*'),
          )
          .join('\\.');
        return new RegExp(`^${source}$`);
      });
  }

  /** Whether a URL's host (name or IP literal) may be checked at all. */
  allowsHost(host: string): boolean {
    const normalized = host
      .toLocaleLowerCase('en-US')
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
    if (isIpLiteral(normalized)) {
      return this.ranges.has(normalized);
    }
    return this.patterns.some(p => p.test(normalized));
  }
}
