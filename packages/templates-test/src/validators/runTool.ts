import { execFile } from 'node:child_process';
import type { Finding } from '../Finding';

/** How to get each command-line tool the validators run. */
export const INSTALL_HINTS: Record<string, string> = {
  shellcheck: 'apt-get install shellcheck',
  promtool: 'apt-get install prometheus (promtool is part of it)',
  yamllint: 'apt-get install yamllint',
  amtool: 'apt-get install prometheus-alertmanager (amtool is part of it)',
  python3: 'apt-get install python3',
  javac: 'apt-get install default-jdk-headless',
};

/** The tool is not on PATH; carries the finding that says so. */
export class ToolMissingError extends Error {
  constructor(readonly tool: string) {
    super(
      `${tool} is not installed, so nothing was checked with it. Install it with \`${
        INSTALL_HINTS[tool] ?? `your package manager (${tool})`
      }\` or run scripts/system-deps.sh.`,
    );
  }

  finding(file: string): Finding {
    return {
      file,
      rule: `${this.tool}/missing`,
      message: this.message,
      severity: 'error',
    };
  }
}

/**
 * Runs a command and returns its exit code and output; a non-zero exit is
 * an answer, not an error. Throws {@link ToolMissingError} when the command
 * does not exist. `options.env` is added to the current environment.
 */
export function runTool(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      // The current environment, read at call time (its PATH finds the tool).
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
          reject(new ToolMissingError(command));
          return;
        }
        const code = error ? Number((error as any).code ?? 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}
