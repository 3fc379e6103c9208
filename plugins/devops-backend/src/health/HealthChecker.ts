import type {
  HealthCheckResult,
  HealthErrorClass,
} from '@backstage-devops/plugin-devops-common';
import http, { type IncomingMessage } from 'http';
import https from 'https';
import type { LookupFunction } from 'net';
import {
  type CheckedAddress,
  type HealthTargetAddresses,
  TargetNotAllowedError,
} from './healthTargetAddresses';

export interface HealthCheckTarget {
  url: string;
  expectStatus: (status: number) => boolean;
  /** Text the body must contain, when set. */
  bodyContains?: string;
}

export interface HealthCheckerOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  degradedLatencyMs: number;
  /** Vets each hop's host and says which addresses it may connect to. */
  addresses: HealthTargetAddresses;
  /**
   * Whether `devops/health-body-contains` is honoured. Off by default: it
   * tells whoever edits an entity whether a response contains a string.
   */
  bodyChecks?: boolean;
}

class CheckFailure extends Error {
  constructor(
    readonly errorClass: HealthErrorClass,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

const TLS_CODES =
  /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function classify(error: unknown): CheckFailure {
  if (error instanceof CheckFailure) {
    return error;
  }
  if (error instanceof TargetNotAllowedError) {
    return new CheckFailure('not_allowed', error.message);
  }
  const e = error as {
    name?: string;
    message?: string;
    cause?: any;
    code?: string;
  };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new CheckFailure('timeout', 'No complete answer before the timeout');
  }
  const cause = e?.cause ?? e;
  const code: string = cause?.code ?? '';
  const message = String(cause?.message ?? e?.message ?? error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CheckFailure('dns', message);
  }
  if (code === 'ECONNREFUSED') {
    return new CheckFailure('connection_refused', message);
  }
  if (TLS_CODES.test(code)) {
    return new CheckFailure('tls', `${code}: ${message}`);
  }
  if (
    cause?.name === 'ConnectTimeoutError' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new CheckFailure('timeout', message);
  }
  return new CheckFailure(
    'connection_error',
    code ? `${code}: ${message}` : message,
  );
}

/** Reads at most `limit` bytes, then stops reading the body. */
async function readCapped(
  response: IncomingMessage,
  limit: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).byteLength;
      if (size >= limit) {
        break;
      }
    }
  } finally {
    response.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/**
 * Connections of one check only, so the hops of a redirect to the same host
 * share a socket, and no socket outlives the check or serves another one
 * (whose host may have been vetted to other addresses).
 */
class CheckAgents {
  readonly http = new http.Agent({ keepAlive: true, maxSockets: 1 });
  readonly https = new https.Agent({ keepAlive: true, maxSockets: 1 });

  destroy() {
    this.http.destroy();
    this.https.destroy();
  }
}

/** Reads a redirect's (small) body to its end so its socket can be reused. */
async function discard(response: IncomingMessage, limit: number) {
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).byteLength;
      if (size > limit) {
        response.destroy();
        return;
      }
    }
  } catch {
    // The next hop makes its own connection.
  }
}

/**
 * One GET that connects only to `addresses` (already checked), whatever a
 * fresh DNS lookup of the host would say; TLS still verifies the host name.
 */
function get(
  url: URL,
  addresses: CheckedAddress[],
  signal: AbortSignal,
  agents: CheckAgents,
): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) {
      (callback as any)(null, addresses);
    } else {
      callback(null, addresses[0].address, addresses[0].family);
    }
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'GET',
      headers: { 'user-agent': 'backstage-devops-health-check' },
      lookup,
      agent: url.protocol === 'https:' ? agents.https : agents.http,
      signal,
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

/**
 * Performs one health check: http(s) only; on every redirect hop the host
 * is checked against the allow-list, resolved once, every address checked
 * against the deny list, and the connection made to a checked address; a
 * timeout over the whole exchange; at most `maxBodyBytes` of the body read.
 */
export class HealthChecker {
  constructor(private readonly options: HealthCheckerOptions) {}

  async check(target: HealthCheckTarget): Promise<HealthCheckResult> {
    const started = performance.now();
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const agents = new CheckAgents();
    let httpStatus: number | undefined;
    try {
      let url = new URL(target.url);
      for (let hop = 0; ; hop++) {
        this.assertScheme(url);
        const addresses = await this.options.addresses.addressesOf(url);
        const response = await get(url, addresses, signal, agents);
        const status = response.statusCode ?? 0;
        httpStatus = status;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          await discard(response, 16 * 1024);
          if (hop >= this.options.maxRedirects) {
            throw new CheckFailure(
              'too_many_redirects',
              `More than ${this.options.maxRedirects} redirects`,
              httpStatus,
            );
          }
          url = new URL(location, url);
          continue;
        }
        const body = await readCapped(response, this.options.maxBodyBytes);
        if (!target.expectStatus(status)) {
          throw new CheckFailure(
            'unexpected_status',
            `Answered HTTP ${status}`,
            httpStatus,
          );
        }
        const bodyContains = this.options.bodyChecks
          ? target.bodyContains
          : undefined;
        if (bodyContains && !body.includes(bodyContains)) {
          throw new CheckFailure(
            'body_check_failed',
            `The first ${this.options.maxBodyBytes} bytes of the body do not contain the expected text`,
            httpStatus,
          );
        }
        break;
      }
      const latencyMs = Math.round(performance.now() - started);
      return {
        status: latencyMs > this.options.degradedLatencyMs ? 'degraded' : 'up',
        httpStatus,
        latencyMs,
        checkedAt: new Date().toISOString(),
      };
    } catch (error) {
      // Whatever the socket reported, an exchange cut by the timeout is one.
      const failure =
        signal.aborted && !(error instanceof CheckFailure)
          ? new CheckFailure('timeout', 'No complete answer before the timeout')
          : classify(error);
      return {
        status: 'down',
        httpStatus: failure.httpStatus ?? httpStatus,
        latencyMs: Math.round(performance.now() - started),
        errorClass: failure.errorClass,
        error: failure.message.slice(0, 500),
        checkedAt: new Date().toISOString(),
      };
    } finally {
      agents.destroy();
    }
  }

  private assertScheme(url: URL) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new CheckFailure(
        'not_allowed',
        `Scheme ${url.protocol} is not checked; use http or https`,
      );
    }
  }
}
