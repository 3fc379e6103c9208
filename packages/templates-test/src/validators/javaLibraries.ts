import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, RenderedWorkspace } from '../Finding';

/** Where Debian's Java library packages put their jars. */
const DEBIAN_JARS = '/usr/share/java';

/**
 * The libraries a generated pom.xml may declare for its main code, with the
 * Debian jars (and package) that stand in for them here, so javac and java
 * run without Maven or network. HikariCP logs through SLF4J, hence its jar.
 */
const LIBRARIES: Record<string, { jars: string[]; debianPackage: string }> = {
  'org.postgresql:postgresql': {
    jars: ['postgresql.jar'],
    debianPackage: 'libpostgresql-jdbc-java',
  },
  'com.zaxxer:HikariCP': {
    jars: ['HikariCP.jar', 'slf4j-api.jar'],
    debianPackage: 'libhikaricp-java',
  },
};

/** A library the pom declares that is not installed here; carries the finding. */
export class JavaLibraryMissingError extends Error {
  constructor(readonly missing: string[], jarsDir: string) {
    super(
      `the service needs ${missing.join(
        ', ',
      )}, whose jars are not in ${jarsDir}, so it was not compiled. Install them with \`apt-get install ${missing
        .map(m => LIBRARIES[m].debianPackage)
        .join(' ')}\` or run scripts/system-deps.sh.`,
    );
  }

  finding(file: string): Finding {
    return {
      file,
      rule: 'source/java-library-missing',
      message: this.message,
      severity: 'error',
    };
  }
}

/**
 * The classpath for the main code of the workspace's pom.xml: the jars of
 * its non-test dependencies. Throws {@link JavaLibraryMissingError} when a
 * jar is not installed, and an Error for a dependency this checker has no
 * jar for (add it to LIBRARIES, with its Debian package).
 */
export function javaClasspath(
  workspace: RenderedWorkspace,
  jarsDir: string = DEBIAN_JARS,
): string[] {
  const pom = workspace.files
    .find(f => f.path === 'pom.xml')
    ?.content.toString('utf8');
  if (!pom) {
    return [];
  }
  const declared = [...pom.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)]
    .map(([, body]) => body)
    .filter(body => !/<scope>\s*test\s*<\/scope>/.test(body))
    .map(
      body =>
        `${/<groupId>\s*([^<\s]+)/.exec(body)?.[1]}:${
          /<artifactId>\s*([^<\s]+)/.exec(body)?.[1]
        }`,
    );
  const unknown = declared.filter(d => !LIBRARIES[d]);
  if (unknown.length > 0) {
    throw new Error(
      `pom.xml declares ${unknown.join(
        ', ',
      )}, which the templates test has no jar for`,
    );
  }
  const missing = declared.filter(d =>
    LIBRARIES[d].jars.some(jar => !existsSync(join(jarsDir, jar))),
  );
  if (missing.length > 0) {
    throw new JavaLibraryMissingError(missing, jarsDir);
  }
  return declared.flatMap(d =>
    LIBRARIES[d].jars.map(jar => join(jarsDir, jar)),
  );
}
