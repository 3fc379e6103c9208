import { BlockList, isIP } from 'net';

export type IpFamily = 'ipv4' | 'ipv6';

/** The eight 16-bit groups of an IPv6 address, or undefined if it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  if (isIP(address) !== 6) {
    return undefined;
  }
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part (::ffff:127.0.0.1) becomes two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${(
      (c << 8) |
      d
    ).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map(g => parseInt(g, 16)) : [];
  const start = parse(head);
  const end = parse(tail);
  const zeros = tail === undefined ? [] : Array(8 - start.length - end.length);
  return [...start, ...zeros.fill(0), ...end];
}

/**
 * The address as the IP it really reaches: an IPv4-mapped (`::ffff:a.b.c.d`,
 * also in hex) or IPv4-compatible IPv6 address is the IPv4 address inside,
 * so a deny rule for 127.0.0.0/8 also covers `::ffff:7f00:1`.
 */
export function canonicalAddress(address: string): {
  address: string;
  family: IpFamily;
} {
  const unbracketed = address.replace(/^\[|\]$/g, '');
  const groups = ipv6Groups(unbracketed);
  if (!groups) {
    return { address: unbracketed, family: 'ipv4' };
  }
  const upperZero = groups.slice(0, 5).every(g => g === 0);
  const mapped = upperZero && groups[5] === 0xffff;
  // ::a.b.c.d (deprecated IPv4-compatible), but not :: or ::1.
  const compatible =
    upperZero && groups[5] === 0 && (groups[6] !== 0 || groups[7] > 1);
  if (mapped || compatible) {
    const [hi, lo] = [groups[6], groups[7]];
    return {
      address: [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.'),
      family: 'ipv4',
    };
  }
  return { address: unbracketed, family: 'ipv6' };
}

/** Whether `value` is an IP address literal (IPv6 with or without brackets). */
export function isIpLiteral(value: string): boolean {
  return isIP(value.replace(/^\[|\]$/g, '')) !== 0;
}

/**
 * A set of address ranges (`10.0.0.0/8`, `fd00::/8`, or single addresses)
 * that also matches the IPv4 address inside a mapped IPv6 form.
 */
export class AddressRanges {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(ranges: string[]) {
    for (const range of ranges) {
      const [network, prefixText] = range.split('/');
      const { address, family } = canonicalAddress(network);
      if (isIP(address) === 0) {
        throw new Error(`'${range}' is not an IP address or CIDR range`);
      }
      const max = family === 'ipv4' ? 32 : 128;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
        throw new Error(`'${range}' has a prefix length outside 0-${max}`);
      }
      this.list.addSubnet(address, prefix, family);
    }
    this.size = ranges.length;
  }

  has(ip: string): boolean {
    const { address, family } = canonicalAddress(ip);
    return isIP(address) !== 0 && this.list.check(address, family);
  }
}

/**
 * Addresses a health check must not reach unless the operator allows a
 * range explicitly: the machine itself, private and shared networks, link
 * local (cloud metadata at 169.254.169.254 included), multicast and the
 * unspecified address, in both families. NAT64 and 6to4 embed IPv4
 * addresses, so they are refused too.
 */
export const DEFAULT_DENIED_RANGES = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  '64:ff9b::/96',
  '64:ff9b:1::/48',
  '2002::/16',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
];
