import { InputError } from '@backstage/errors';
import type { RequestHandler } from 'express';

const NUL = '\u0000';
// A high surrogate not followed by a low one, or a low one without a high.
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored as it is, if it cannot. */
function problemOf(text: string): string | undefined {
  if (text.includes(NUL)) {
    return 'contains a NUL character (\\u0000), which cannot be stored';
  }
  if (LONE_SURROGATE.test(text)) {
    return 'contains a lone UTF-16 surrogate, which is not valid Unicode';
  }
  return undefined;
}

/**
 * The first string (key or value) in a parsed JSON body or query that
 * cannot be stored, with its path, e.g. `migrations[2].name`.
 */
export function findUnstorableText(
  value: unknown,
  path = '',
): { path: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? { path: path || 'body', problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyProblem = problemOf(key);
      if (keyProblem) {
        return { path: `${childPath} (a field name)`, problem: keyProblem };
      }
      const found = findUnstorableText(child, childPath);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

/**
 * Answers 400 naming the field when a body or query string holds a NUL
 * (PostgreSQL refuses it, which would surface as a 500) or a lone surrogate
 * (stored as a replacement character, silently changing the value).
 */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  // Path segments are checked by the read routes against the catalog's
  // naming rules, which allow no control characters.
  const found =
    findUnstorableText(req.body) ?? findUnstorableText(req.query, 'query');
  if (found) {
    next(new InputError(`Invalid request: ${found.path}: ${found.problem}`));
    return;
  }
  next();
};
