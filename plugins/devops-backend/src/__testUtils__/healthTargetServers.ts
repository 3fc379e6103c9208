import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import http from 'http';
import https from 'https';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from './freePort';

/**
 * Real local HTTP servers behaving the ways health endpoints misbehave, for
 * health checker and poller tests. Every path is served by one HTTP server
 * plus one HTTPS server with a self-signed certificate.
 */
export interface HealthTargetServers {
  url(kind: TargetKind): string;
  /** Requests received per path, to count checks. */
  hits: Map<string, number>;
  /** Host headers of requests to `/echo-host`, to see which name was asked. */
  hostHeaders: string[];
  close(): Promise<void>;
}

export type TargetKind =
  | 'healthy'
  | 'slow'
  | 'hanging'
  | 'refused'
  | 'wrong-status'
  | 'huge-body'
  | 'redirect-loop'
  | 'redirect-once'
  | 'bad-tls'
  | 'wrong-body'
  | 'redirect-to'
  | 'echo-host';

function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'devops-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem')),
      cert: readFileSync(join(dir, 'cert.pem')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startHealthTargetServers(options: {
  slowMs: number;
}): Promise<HealthTargetServers> {
  const hits = new Map<string, number>();
  const hostHeaders: string[] = [];
  const open = new Set<http.ServerResponse>();
  const handler: http.RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    open.add(res);
    res.on('close', () => open.delete(res));
    const kind = path.split('/')[1];
    switch (kind) {
      case 'healthy':
      case 'bad-tls':
        res.end('{"status":"ok"}');
        break;
      case 'slow':
        setTimeout(() => res.end('ok'), options.slowMs);
        break;
      case 'hanging':
        // Headers, then silence.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
        break;
      case 'wrong-status':
        res.writeHead(503).end('unavailable');
        break;
      case 'wrong-body':
        res.end('{"status":"starting"}');
        break;
      case 'huge-body': {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const pump = () => {
          while (sent < 200 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        pump();
        break;
      }
      case 'redirect-loop':
        res
          .writeHead(302, { location: path.endsWith('/a') ? './b' : './a' })
          .end();
        break;
      case 'redirect-to': {
        // Wherever the `to` query parameter says.
        const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
        res.writeHead(302, { location: to ?? '/' }).end();
        break;
      }
      case 'echo-host':
        hostHeaders.push(req.headers.host ?? '');
        res.end('ok');
        break;
      case 'redirect-once':
        res.writeHead(301, { location: '/healthy/after-redirect' }).end();
        break;
      default:
        res.writeHead(404).end();
    }
  };

  const plain = http.createServer(handler);
  const tls = https.createServer(selfSignedCertificate(), handler);
  await new Promise<void>(r => plain.listen(0, '127.0.0.1', r));
  await new Promise<void>(r => tls.listen(0, '127.0.0.1', r));
  const plainPort = (plain.address() as AddressInfo).port;
  const tlsPort = (tls.address() as AddressInfo).port;
  const refusedPort = await freePort();
  let counter = 0;

  return {
    hits,
    hostHeaders,
    url(kind) {
      counter += 1;
      const suffix = kind === 'redirect-loop' ? `${counter}/a` : `${counter}`;
      if (kind === 'refused') {
        return `http://127.0.0.1:${refusedPort}/refused/${suffix}`;
      }
      if (kind === 'bad-tls') {
        return `https://localhost:${tlsPort}/bad-tls/${suffix}`;
      }
      return `http://127.0.0.1:${plainPort}/${kind}/${suffix}`;
    },
    async close() {
      open.forEach(res => res.destroy());
      plain.closeAllConnections();
      tls.closeAllConnections();
      await Promise.all([
        new Promise(r => plain.close(r)),
        new Promise(r => tls.close(r)),
      ]);
    },
  };
}
