import type {
  HealthCheckResult,
  HealthErrorClass,
} from '@backstage-devops/plugin-devops-common';

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
  isHostAllowed: (host: string) => boolean;
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
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<string> {
  if (!body) {
    return '';
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

/**
 * Performs one health check with Node's fetch: http(s) only, hosts checked
 * against the allow-list on every redirect hop, a timeout over the whole
 * exchange, and at most `maxBodyBytes` of the body read.
 */
export class HealthChecker {
  constructor(private readonly options: HealthCheckerOptions) {}

  async check(target: HealthCheckTarget): Promise<HealthCheckResult> {
    const started = performance.now();
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let httpStatus: number | undefined;
    try {
      let url = new URL(target.url);
      for (let hop = 0; ; hop++) {
        this.assertAllowed(url);
        const response = await fetch(url, {
          redirect: 'manual',
          signal,
          headers: { 'user-agent': 'backstage-devops-health-check' },
        });
        httpStatus = response.status;
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel().catch(() => {});
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
        const body = await readCapped(response.body, this.options.maxBodyBytes);
        if (!target.expectStatus(response.status)) {
          throw new CheckFailure(
            'unexpected_status',
            `Answered HTTP ${response.status}`,
            httpStatus,
          );
        }
        if (target.bodyContains && !body.includes(target.bodyContains)) {
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
      const failure = classify(error);
      return {
        status: 'down',
        httpStatus: failure.httpStatus ?? httpStatus,
        latencyMs: Math.round(performance.now() - started),
        errorClass: failure.errorClass,
        error: failure.message.slice(0, 500),
        checkedAt: new Date().toISOString(),
      };
    }
  }

  private assertAllowed(url: URL) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new CheckFailure(
        'not_allowed',
        `Scheme ${url.protocol} is not checked; use http or https`,
      );
    }
    if (!this.options.isHostAllowed(url.hostname)) {
      throw new CheckFailure(
        'not_allowed',
        `Host ${url.hostname} is not in devops.health.allowedHosts`,
      );
    }
  }
}
