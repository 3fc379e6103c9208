import { validateGitlabPipelines } from './gitlab';

const check = (text: string) =>
  validateGitlabPipelines({
    dir: '/nonexistent',
    files: [
      { path: '.gitlab-ci.yml', content: Buffer.from(text), executable: false },
    ],
  });

describe('validateGitlabPipelines', () => {
  it('accepts a pipeline whose jobs hang together', async () => {
    expect(
      await check(
        [
          'stages: [build, deploy]',
          '.node: { image: node:22 }',
          'build:',
          '  extends: .node',
          '  stage: build',
          '  script: [npm ci]',
          'deploy:',
          '  stage: deploy',
          '  needs: [build]',
          '  environment: { name: production, url: https://example.com }',
          '  rules:',
          '    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
          '      when: manual',
          '  script:',
          '    - ./deploy.sh',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('names each structural mistake at its line', async () => {
    const findings = await check(
      [
        'stages: [build, deploy]', // 1
        'build:', // 2
        '  stage: deploy', // 3
        '  needs: [missing]', // 4
        '  script: [make]', // 5
        'publish:', // 6
        '  stage: release', // 7
        '  scirpt: [make publish]', // 8
        '  when: sometimes', // 9
        'test:', // 10
        '  stage: build', // 11
        '  needs: [build]', // 12
        '  script: [make test]', // 13
        '',
      ].join('\n'),
    );

    expect(
      findings.map(f => ({ line: f.line, rule: f.rule, message: f.message })),
    ).toEqual(
      expect.arrayContaining([
        {
          line: 4,
          rule: 'gitlab-ci/needs',
          message:
            'Job `build` needs `missing`, which is not a job of this pipeline',
        },
        {
          line: 7,
          rule: 'gitlab-ci/stage',
          message:
            'Job `publish` uses stage `release`, which is not in `stages` (build, deploy)',
        },
        {
          line: 8,
          rule: 'gitlab-ci/unknown-keyword',
          message: 'Job `publish` has unknown keyword `scirpt`',
        },
        {
          line: 7,
          rule: 'gitlab-ci/job-script',
          message: 'Job `publish` has no `script`, `trigger` or `run`',
        },
        {
          line: 9,
          rule: 'gitlab-ci/when',
          message: expect.stringContaining('`when` must be one of'),
        },
        {
          line: 12,
          rule: 'gitlab-ci/needs',
          message:
            'Job `test` (stage `build`) needs `build` from the later stage `deploy`',
        },
      ]),
    );
  });
});
