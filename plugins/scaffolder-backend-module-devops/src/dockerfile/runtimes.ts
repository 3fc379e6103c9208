import type { DockerfileModel, Instruction } from './DockerfileModel';

/** Runtimes the golden path supports. */
export const RUNTIMES = ['node', 'python', 'go', 'java'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/**
 * Base images pinned to exact versions; bump them here, in one place, and
 * every generated service follows on its next regeneration.
 */
export const BASE_IMAGES: Record<Runtime, { build: string; run: string }> = {
  node: {
    build: 'node:22.12.0-bookworm-slim',
    run: 'node:22.12.0-bookworm-slim',
  },
  python: {
    build: 'python:3.12.8-slim-bookworm',
    run: 'python:3.12.8-slim-bookworm',
  },
  go: { build: 'golang:1.23.4-bookworm', run: 'debian:12.8-slim' },
  java: {
    build: 'eclipse-temurin:21.0.5_11-jdk',
    run: 'eclipse-temurin:21.0.5_11-jre',
  },
};

export interface ServiceShape {
  port: number;
  healthPath: string;
}

const healthcheck = (command: string[]): Instruction => ({
  kind: 'HEALTHCHECK',
  intervalSeconds: 15,
  timeoutSeconds: 3,
  startPeriodSeconds: 20,
  retries: 3,
  command,
});

/**
 * The account every image runs as, by number: a kubelet can only verify
 * `runAsNonRoot` for a numeric USER, and the pod spec's runAsUser,
 * runAsGroup and fsGroup name the same ids.
 */
export const IMAGE_USER = { uid: 10001, gid: 10001 } as const;
const imageUser = `${IMAGE_USER.uid}:${IMAGE_USER.gid}`;

/** Creates the account with exactly those ids (Debian-based images). */
const addUser: Instruction = {
  kind: 'RUN',
  shell: `groupadd --system --gid ${IMAGE_USER.gid} app && useradd --system --uid ${IMAGE_USER.uid} --gid ${IMAGE_USER.gid} --no-create-home --shell /usr/sbin/nologin app`,
};
const runAsImageUser: Instruction = { kind: 'USER', user: imageUser };

export function dockerfileFor(
  runtime: Runtime,
  shape: ServiceShape,
): DockerfileModel {
  const url = `http://127.0.0.1:${shape.port}${shape.healthPath}`;
  const images = BASE_IMAGES[runtime];
  switch (runtime) {
    case 'node':
      return {
        stages: [
          {
            comment:
              'Dependencies first, so source changes reuse the cached layer',
            image: images.build,
            name: 'build',
            instructions: [
              { kind: 'WORKDIR', path: '/app' },
              {
                kind: 'COPY',
                sources: ['package.json', 'package-lock.json'],
                destination: './',
              },
              { kind: 'RUN', shell: 'npm ci' },
              { kind: 'COPY', sources: ['.'], destination: '.' },
              {
                kind: 'RUN',
                shell: 'npm run build --if-present && npm prune --omit=dev',
              },
            ],
          },
          {
            image: images.run,
            instructions: [
              addUser,
              {
                kind: 'ENV',
                values: { NODE_ENV: 'production', PORT: String(shape.port) },
              },
              { kind: 'WORKDIR', path: '/app' },
              {
                kind: 'COPY',
                from: 'build',
                chown: imageUser,
                sources: ['/app'],
                destination: '/app',
              },
              runAsImageUser,
              { kind: 'EXPOSE', port: shape.port },
              healthcheck([
                'node',
                '-e',
                `fetch('${url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
              ]),
              { kind: 'CMD', command: ['node', 'src/server.js'] },
            ],
          },
        ],
      };
    case 'python':
      return {
        stages: [
          {
            comment:
              'Dependencies first, so source changes reuse the cached layer',
            image: images.build,
            name: 'build',
            instructions: [
              { kind: 'RUN', shell: 'python -m venv /venv' },
              { kind: 'ENV', values: { PATH: '/venv/bin:$PATH' } },
              { kind: 'WORKDIR', path: '/app' },
              {
                kind: 'COPY',
                sources: ['requirements.txt'],
                destination: './',
              },
              {
                kind: 'RUN',
                shell: 'pip install --no-cache-dir -r requirements.txt',
              },
              { kind: 'COPY', sources: ['.'], destination: '.' },
            ],
          },
          {
            image: images.run,
            instructions: [
              addUser,
              {
                kind: 'ENV',
                values: {
                  PATH: '/venv/bin:$PATH',
                  PYTHONUNBUFFERED: '1',
                  // The root filesystem is read-only in the cluster.
                  PYTHONDONTWRITEBYTECODE: '1',
                  PORT: String(shape.port),
                },
              },
              { kind: 'WORKDIR', path: '/app' },
              {
                kind: 'COPY',
                from: 'build',
                sources: ['/venv'],
                destination: '/venv',
              },
              {
                kind: 'COPY',
                from: 'build',
                chown: imageUser,
                sources: ['/app'],
                destination: '/app',
              },
              runAsImageUser,
              { kind: 'EXPOSE', port: shape.port },
              healthcheck([
                'python',
                '-c',
                `import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('${url}', timeout=2).status < 300 else 1)`,
              ]),
              { kind: 'CMD', command: ['python', '-m', 'app'] },
            ],
          },
        ],
      };
    case 'go':
      return {
        stages: [
          {
            comment: 'Modules first, so source changes reuse the cached layer',
            image: images.build,
            name: 'build',
            instructions: [
              { kind: 'WORKDIR', path: '/src' },
              {
                kind: 'COPY',
                sources: ['go.mod', 'go.sum'],
                destination: './',
              },
              { kind: 'RUN', shell: 'go mod download' },
              { kind: 'COPY', sources: ['.'], destination: '.' },
              {
                kind: 'RUN',
                shell:
                  'CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server',
              },
            ],
          },
          {
            image: images.run,
            instructions: [
              addUser,
              {
                kind: 'COPY',
                from: 'build',
                sources: ['/out/server'],
                destination: '/usr/local/bin/server',
              },
              { kind: 'ENV', values: { PORT: String(shape.port) } },
              runAsImageUser,
              { kind: 'EXPOSE', port: shape.port },
              // The runtime image has no HTTP client; the binary checks itself.
              healthcheck(['/usr/local/bin/server', 'healthcheck', url]),
              { kind: 'CMD', command: ['/usr/local/bin/server'] },
            ],
          },
        ],
      };
    case 'java':
      return {
        stages: [
          {
            comment:
              'Dependencies first, so source changes reuse the cached layer',
            image: images.build,
            name: 'build',
            instructions: [
              { kind: 'WORKDIR', path: '/src' },
              { kind: 'COPY', sources: ['mvnw', 'pom.xml'], destination: './' },
              { kind: 'COPY', sources: ['.mvn'], destination: '.mvn' },
              { kind: 'RUN', shell: './mvnw -B -q dependency:go-offline' },
              { kind: 'COPY', sources: ['src'], destination: 'src' },
              {
                kind: 'RUN',
                shell:
                  './mvnw -B -q package -DskipTests && cp target/*.jar /app.jar',
              },
            ],
          },
          {
            image: images.run,
            instructions: [
              addUser,
              { kind: 'WORKDIR', path: '/app' },
              {
                kind: 'COPY',
                from: 'build',
                chown: imageUser,
                sources: ['/app.jar'],
                destination: '/app/app.jar',
              },
              { kind: 'ENV', values: { PORT: String(shape.port) } },
              runAsImageUser,
              { kind: 'EXPOSE', port: shape.port },
              // The JRE image has no HTTP client; the application checks itself.
              healthcheck([
                'java',
                '-cp',
                '/app/app.jar',
                'app.HealthCheck',
                url,
              ]),
              {
                kind: 'CMD',
                command: [
                  'java',
                  '-XX:MaxRAMPercentage=75',
                  '-jar',
                  '/app/app.jar',
                ],
              },
            ],
          },
        ],
      };
    default:
      throw new Error(`Unknown runtime ${runtime}`);
  }
}

/** What never belongs in an image's build context. */
export function dockerignoreFor(runtime: Runtime): string[] {
  const common = [
    '.git',
    '.github',
    '.gitlab-ci.yml',
    '.env',
    '.env.*',
    '!.env.*.example',
    'Dockerfile',
    '.dockerignore',
    'docs',
    'k8s',
    '*.md',
  ];
  const perRuntime: Record<Runtime, string[]> = {
    node: ['node_modules', 'coverage', 'dist'],
    python: ['__pycache__', '*.pyc', '.venv', '.pytest_cache'],
    go: ['bin', '*.test'],
    java: ['target', '.idea'],
  };
  return [...common, ...perRuntime[runtime]];
}
