import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFile } from 'child_process';
import { mkdir, readFile, writeFile } from 'fs/promises';
import { join } from 'path';
import { promisify } from 'util';
import {
  deployScript,
  reportOutcomeScript,
  VERDICT_FILE,
} from './deployScripts';

const exec = promisify(execFile);

// No cluster runs here: kubectl and kustomize are stand-ins that record
// their calls and answer as the scenario says (FAKE_* variables).
const fakeKubectl = `#!/usr/bin/env bash
echo "kubectl $*" >> "$CALLS"
case "$*" in
  *"rollout status deployment/"*)
    if [ -f "$STATE/undone" ]; then exit "\${FAKE_STATUS_AFTER_UNDO:-0}"; fi
    exit "\${FAKE_STATUS:-0}" ;;
  *"rollout undo"*)
    [ "\${FAKE_UNDO:-0}" = 0 ] && touch "$STATE/undone"
    exit "\${FAKE_UNDO:-0}" ;;
  "argo rollouts status"*) exit "\${FAKE_STATUS:-0}" ;;
  *"stableRS"*) printf %s "\${FAKE_STABLE:-}" ;;
  *"currentPodHash"*) printf %s "\${FAKE_CURRENT:-}" ;;
esac
exit 0
`;
const fakeKustomize = `#!/usr/bin/env bash
echo "kustomize $* in \${PWD##*/}" >> "$CALLS"
`;

describe('the generated deploy.sh', () => {
  const dir = createMockDirectory();

  async function deploy(
    strategy: 'rolling' | 'canary' | 'blue-green',
    scenario: Record<string, string>,
  ) {
    dir.clear();
    const bin = join(dir.path, 'bin');
    const state = join(dir.path, 'state');
    await mkdir(bin, { recursive: true });
    await mkdir(state, { recursive: true });
    await mkdir(join(dir.path, 'k8s/overlays/production'), { recursive: true });
    await mkdir(join(dir.path, '.devops'), { recursive: true });
    await writeFile(join(bin, 'kubectl'), fakeKubectl, { mode: 0o755 });
    await writeFile(join(bin, 'kustomize'), fakeKustomize, { mode: 0o755 });
    await writeFile(
      join(dir.path, '.devops/deploy.sh'),
      deployScript('payments-api', strategy),
      { mode: 0o755 },
    );
    const calls = join(dir.path, 'calls');
    await writeFile(calls, '');
    const exitCode = await exec(
      '.devops/deploy.sh',
      ['production', 'ghcr.io/acme/payments-api:1.0.7-abc1234'],
      {
        cwd: dir.path,
        env: {
          ...process.env,
          ...scenario,
          PATH: `${bin}:${process.env.PATH}`,
          CALLS: calls,
          STATE: state,
        },
      },
    ).then(
      () => 0,
      (e: { code: number }) => e.code,
    );
    return {
      exitCode,
      verdict: (await readFile(join(dir.path, VERDICT_FILE), 'utf8')).trim(),
      calls: (await readFile(calls, 'utf8')).trim().split('\n'),
    };
  }

  it('sets only the image and applies the overlay, with no copied manifests', async () => {
    const result = await deploy('rolling', {});
    expect(result).toEqual({
      exitCode: 0,
      verdict: 'succeeded',
      calls: [
        'kustomize edit set image payments-api=ghcr.io/acme/payments-api:1.0.7-abc1234 in production',
        'kubectl apply -k k8s/overlays/production',
        'kubectl -n payments-api-production rollout status deployment/payments-api --timeout=10m',
      ],
    });
  });

  it('undoes a failed rolling update and says rolled_back', async () => {
    const result = await deploy('rolling', { FAKE_STATUS: '1' });
    expect(result.exitCode).toBe(1);
    expect(result.verdict).toBe('rolled_back');
    expect(result.calls).toContain(
      'kubectl -n payments-api-production rollout undo deployment/payments-api',
    );
  });

  it('says failed when there is no earlier revision to undo to', async () => {
    const result = await deploy('rolling', {
      FAKE_STATUS: '1',
      FAKE_UNDO: '1',
    });
    expect(result.exitCode).toBe(1);
    expect(result.verdict).toBe('failed');
  });

  it.each(['canary', 'blue-green'] as const)(
    'waits for the Argo Rollouts verdict of a %s rollout',
    async strategy => {
      const result = await deploy(strategy, {});
      expect(result.verdict).toBe('succeeded');
      expect(result.calls).toContain(
        'kubectl argo rollouts status payments-api -n payments-api-production --timeout 30m',
      );
      expect(result.calls.join('\n')).not.toContain('rollout undo');
    },
  );

  it('reports rolled_back when the engine aborted back to a stable version', async () => {
    const result = await deploy('canary', {
      FAKE_STATUS: '1',
      FAKE_STABLE: '6d4f8c7b9',
      FAKE_CURRENT: '84b5f6c9d',
    });
    expect(result.exitCode).toBe(1);
    expect(result.verdict).toBe('rolled_back');
    expect(result.calls).toContain(
      'kubectl argo rollouts abort payments-api -n payments-api-production',
    );
  });

  it('reports failed when an aborted first rollout has no stable version', async () => {
    const result = await deploy('blue-green', {
      FAKE_STATUS: '1',
      FAKE_STABLE: '',
      FAKE_CURRENT: '84b5f6c9d',
    });
    expect(result.verdict).toBe('failed');
  });

  it('reports failed from report-outcome.sh when deploy.sh never ran', async () => {
    dir.clear();
    await mkdir(join(dir.path, '.devops'), { recursive: true });
    await writeFile(
      join(dir.path, '.devops/report-outcome.sh'),
      reportOutcomeScript,
      {
        mode: 0o755,
      },
    );
    // A stand-in report-deployment.sh prints what it would send.
    await writeFile(
      join(dir.path, '.devops/report-deployment.sh'),
      '#!/usr/bin/env bash\necho "$1 $2"\n',
      { mode: 0o755 },
    );
    const run = () =>
      exec('.devops/report-outcome.sh', ['production'], { cwd: dir.path });
    expect((await run()).stdout).toBe('production failed\n');
    await writeFile(join(dir.path, VERDICT_FILE), 'rolled_back\n');
    expect((await run()).stdout).toBe('production rolled_back\n');
  });
});
