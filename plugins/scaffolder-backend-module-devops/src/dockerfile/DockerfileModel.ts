/**
 * A Dockerfile as data. Instructions with argument lists render in exec
 * form (JSON arrays), which Docker parses without a shell; the renderer is
 * the only place that produces text, so output is deterministic.
 */
export type Instruction =
  | { kind: 'WORKDIR'; path: string }
  | {
      kind: 'COPY';
      sources: string[];
      destination: string;
      from?: string;
      chown?: string;
    }
  | { kind: 'RUN'; shell: string }
  | { kind: 'ENV'; values: Record<string, string> }
  | { kind: 'USER'; user: string }
  | { kind: 'EXPOSE'; port: number }
  | {
      kind: 'HEALTHCHECK';
      intervalSeconds: number;
      timeoutSeconds: number;
      startPeriodSeconds: number;
      retries: number;
      command: string[];
    }
  | { kind: 'CMD'; command: string[] };

export interface Stage {
  /** An image reference with an explicit version tag, never `latest`. */
  image: string;
  name?: string;
  comment?: string;
  instructions: Instruction[];
}

export interface DockerfileModel {
  stages: Stage[];
}

function quoteEnv(value: string): string {
  return /^[A-Za-z0-9_./:-]*$/.test(value) ? value : JSON.stringify(value);
}

function renderInstruction(i: Instruction): string {
  switch (i.kind) {
    case 'WORKDIR':
      return `WORKDIR ${i.path}`;
    case 'COPY': {
      const flags = [
        i.from ? `--from=${i.from}` : undefined,
        i.chown ? `--chown=${i.chown}` : undefined,
      ].filter(Boolean);
      return ['COPY', ...flags, ...i.sources, i.destination].join(' ');
    }
    case 'RUN':
      return `RUN ${i.shell}`;
    case 'ENV':
      return `ENV ${Object.entries(i.values)
        .map(([k, v]) => `${k}=${quoteEnv(v)}`)
        .join(' ')}`;
    case 'USER':
      return `USER ${i.user}`;
    case 'EXPOSE':
      return `EXPOSE ${i.port}`;
    case 'HEALTHCHECK':
      return `HEALTHCHECK --interval=${i.intervalSeconds}s --timeout=${
        i.timeoutSeconds
      }s --start-period=${i.startPeriodSeconds}s --retries=${
        i.retries
      } CMD ${JSON.stringify(i.command)}`;
    case 'CMD':
      return `CMD ${JSON.stringify(i.command)}`;
    default:
      throw new Error(`Unknown instruction ${(i as Instruction).kind}`);
  }
}

export function renderDockerfile(model: DockerfileModel): string {
  const blocks = model.stages.map(stage => {
    const lines = [
      ...(stage.comment ? [`# ${stage.comment}`] : []),
      `FROM ${stage.image}${stage.name ? ` AS ${stage.name}` : ''}`,
      ...stage.instructions.map(renderInstruction),
    ];
    return lines.join('\n');
  });
  return `# syntax=docker/dockerfile:1\n${blocks.join('\n\n')}\n`;
}
