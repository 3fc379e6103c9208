import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderedWorkspace } from '../Finding';
import { javaClasspath, JavaLibraryMissingError } from './javaLibraries';

const dependency = (groupId: string, artifactId: string, scope = '') => `
    <dependency>
      <groupId>${groupId}</groupId>
      <artifactId>${artifactId}</artifactId>
      <version>1</version>${scope ? `\n      <scope>${scope}</scope>` : ''}
    </dependency>`;

const workspace = (...dependencies: string[]): RenderedWorkspace => ({
  dir: '/unused',
  files: [
    {
      path: 'pom.xml',
      content: Buffer.from(
        `<project><dependencies>${dependencies.join(
          '',
        )}</dependencies></project>`,
      ),
      executable: false,
    },
  ],
});

describe('javaClasspath', () => {
  let jars: string;
  beforeEach(async () => {
    jars = await mkdtemp(join(tmpdir(), 'java-libraries-'));
  });
  afterEach(() => rm(jars, { recursive: true, force: true }));

  const withDatabase = workspace(
    dependency('org.postgresql', 'postgresql'),
    dependency('com.zaxxer', 'HikariCP'),
    dependency('org.junit.jupiter', 'junit-jupiter', 'test'),
  );

  it('gives the jars of the main dependencies, with SLF4J for HikariCP, and none for test ones', async () => {
    for (const jar of ['postgresql.jar', 'HikariCP.jar', 'slf4j-api.jar']) {
      await writeFile(join(jars, jar), '');
    }
    expect(javaClasspath(withDatabase, jars)).toEqual([
      join(jars, 'postgresql.jar'),
      join(jars, 'HikariCP.jar'),
      join(jars, 'slf4j-api.jar'),
    ]);
    expect(
      javaClasspath(
        workspace(dependency('org.junit.jupiter', 'junit-jupiter', 'test')),
        jars,
      ),
    ).toEqual([]);
  });

  it('names the Debian packages to install when their jars are missing', async () => {
    await writeFile(join(jars, 'postgresql.jar'), '');
    let error: unknown;
    try {
      javaClasspath(withDatabase, jars);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JavaLibraryMissingError);
    expect((error as JavaLibraryMissingError).finding('pom.xml')).toEqual({
      file: 'pom.xml',
      rule: 'source/java-library-missing',
      message: `the service needs com.zaxxer:HikariCP, whose jars are not in ${jars}, so it was not compiled. Install them with \`apt-get install libhikaricp-java\` or run scripts/system-deps.sh.`,
      severity: 'error',
    });
  });

  it('refuses a dependency it has no jar for rather than compiling without it', () => {
    expect(() =>
      javaClasspath(workspace(dependency('com.example', 'lib')), jars),
    ).toThrow(
      'pom.xml declares com.example:lib, which the templates test has no jar for',
    );
  });
});
