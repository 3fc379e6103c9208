import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goCommand, GoModuleMissingError, parseGoMod } from './goToolchain';

const goMod = (requires: string) =>
  `module github.com/acme/ledger\n\ngo 1.23\n${requires}`;

describe('goCommand', () => {
  let empty: string;
  beforeAll(async () => {
    empty = await mkdtemp(join(tmpdir(), 'templates-test-gocode-'));
  });
  afterAll(() => rm(empty, { recursive: true, force: true }));

  it('builds offline, with a required module replaced by its Debian source of the same version', async () => {
    const command = await goCommand(
      '/work/ledger',
      goMod('\nrequire github.com/lib/pq v1.10.7\n'),
    );
    try {
      expect(command.env).toMatchObject({
        GOPROXY: 'off',
        GOTOOLCHAIN: 'local',
      });
      expect(await readFile(command.env.GOWORK, 'utf8')).toBe(
        'go 1.23\n\nuse "/work/ledger"\n\nreplace github.com/lib/pq v1.10.7 => "/usr/share/gocode/src/github.com/lib/pq"\n',
      );
    } finally {
      await command.dispose();
    }
  });

  it('refuses a module whose Debian source is another version', async () => {
    await expect(
      goCommand('/work/ledger', goMod('require github.com/lib/pq v1.10.9\n')),
    ).rejects.toThrow(
      'go.mod requires github.com/lib/pq v1.10.9, but golang-github-lib-pq-dev here is 1.10.7, so the Go service was not built against it. Pin the version Debian ships, whose go.sum hashes are the published ones.',
    );
  });

  it('says which package to install when the source is missing', async () => {
    const failure = goCommand(
      '/work/ledger',
      goMod('require (\n\tgithub.com/lib/pq v1.10.7 // indirect\n)\n'),
      empty,
    );
    await expect(failure).rejects.toBeInstanceOf(GoModuleMissingError);
    await expect(failure).rejects.toThrow(
      `go.mod requires github.com/lib/pq v1.10.7, whose source is not in ${empty} (no module proxy is used here), so the Go service was not vetted, tested or run. Install it with \`apt-get install golang-github-lib-pq-dev\` or run scripts/system-deps.sh.`,
    );
  });
});

describe('parseGoMod', () => {
  it('reads the go line and single and block requires', () => {
    expect(
      parseGoMod(
        goMod(
          'require example.com/a v1.0.0\nrequire (\n\texample.com/b v0.2.0 // indirect\n)\n',
        ),
      ),
    ).toEqual({
      go: '1.23',
      requires: [
        { path: 'example.com/a', version: 'v1.0.0' },
        { path: 'example.com/b', version: 'v0.2.0' },
      ],
    });
  });
});
