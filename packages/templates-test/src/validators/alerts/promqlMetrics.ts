const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects. Strings, label matchers,
 * ranges and grouping clauses are removed first; what is left that is not
 * followed by `(` (a function or aggregation), not a keyword and not part
 * of a number or duration is a metric name.
 */
export function promqlMetricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(
      /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g,
      ' ',
    );
  const names = new Set<string>();
  for (const m of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const before = bare[m.index! - 1] ?? ' ';
    const after = bare.slice(m.index! + m[0].length).trimStart();
    if (/[0-9.]/.test(before) || after.startsWith('(')) {
      continue;
    }
    if (!KEYWORDS.has(m[0].toLowerCase())) {
      names.add(m[0]);
    }
  }
  return [...names];
}
