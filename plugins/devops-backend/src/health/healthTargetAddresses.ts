import { lookup } from 'dns/promises';
import { isIP } from 'net';
import { HostAllowList } from './hostAllowList';
import {
  AddressRanges,
  DEFAULT_DENIED_RANGES,
  isIpLiteral,
} from './ipAddresses';

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has, like `dns.lookup` with `all`. */
export type HostResolver = (host: string) => Promise<CheckedAddress[]>;

export const systemResolver: HostResolver = async host =>
  (await lookup(host, { all: true, verbatim: true })).map(a => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** Why a target may not be contacted. */
export class TargetNotAllowedError extends Error {}

/**
 * Decides which addresses a health check of a URL may connect to: the host
 * must be on the allow-list, and every address it resolves to must be
 * outside the deny list unless the allow-list names its range. The checker
 * then connects to exactly these addresses, so a second DNS answer cannot
 * send the request elsewhere.
 */
export class HealthTargetAddresses {
  private readonly denied: AddressRanges;

  constructor(
    private readonly options: {
      allowList: HostAllowList;
      resolver?: HostResolver;
      deniedRanges?: string[];
    },
  ) {
    this.denied = new AddressRanges(
      options.deniedRanges ?? DEFAULT_DENIED_RANGES,
    );
  }

  /** The addresses to connect to for `url`, or throws why none may be. */
  async addressesOf(url: URL): Promise<CheckedAddress[]> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const { allowList } = this.options;
    if (!allowList.allowsHost(host)) {
      throw new TargetNotAllowedError(
        `Host ${host} is not in devops.health.allowedHosts`,
      );
    }
    const addresses: CheckedAddress[] = isIpLiteral(host)
      ? [{ address: host, family: isIP(host) === 6 ? 6 : 4 }]
      : await (this.options.resolver ?? systemResolver)(host);
    if (addresses.length === 0) {
      throw Object.assign(new Error(`${host} has no addresses`), {
        code: 'ENOTFOUND',
      });
    }
    for (const { address } of addresses) {
      if (this.denied.has(address) && !allowList.ranges.has(address)) {
        throw new TargetNotAllowedError(
          `${host} resolves to ${address}, a loopback, private, link-local or otherwise internal address; allow its range in devops.health.allowedHosts to check it`,
        );
      }
    }
    return addresses;
  }
}
