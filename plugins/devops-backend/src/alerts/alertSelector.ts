/**
 * Prometheus-style label matchers from the `devops/alert-selector`
 * annotation: `service="payments",team=~"core|pay",env!="dev"`.
 */
export type LabelMatcher = {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
};

const MATCHER =
  /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/y;

/** Parses a selector, or returns undefined when it is not valid. */
export function parseAlertSelector(text: string): LabelMatcher[] | undefined {
  const matchers: LabelMatcher[] = [];
  MATCHER.lastIndex = 0;
  const trimmed = text.trim().replace(/^\{|\}$/g, '');
  while (MATCHER.lastIndex < trimmed.length) {
    const match = MATCHER.exec(trimmed);
    if (!match) {
      return undefined;
    }
    matchers.push({
      name: match[1],
      op: match[2] as LabelMatcher['op'],
      value: match[3].replace(/\\(.)/g, '$1'),
    });
  }
  return matchers.length > 0 ? matchers : undefined;
}

function matches(labels: Record<string, string>, m: LabelMatcher): boolean {
  const value = labels[m.name] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    default: {
      // Prometheus regexes are fully anchored.
      let regex: RegExp;
      try {
        regex = new RegExp(`^(?:${m.value})$`);
      } catch {
        return false;
      }
      return m.op === '=~' ? regex.test(value) : !regex.test(value);
    }
  }
}

/**
 * Whether an alert belongs to an entity: its selector when it declares a
 * valid one, otherwise a `backstage_entity` label equal to the entity ref or
 * a `service` label equal to the entity name.
 */
export function alertBelongsTo(
  labels: Record<string, string>,
  entity: { entityRef: string; name: string; selector?: LabelMatcher[] },
): boolean {
  if (entity.selector) {
    return entity.selector.every(m => matches(labels, m));
  }
  const declared = labels.backstage_entity?.toLocaleLowerCase('en-US');
  if (declared) {
    return (
      declared === entity.entityRef ||
      // Alert rules often name the entity without the default namespace.
      declared === entity.entityRef.replace(':default/', ':') ||
      declared === entity.name
    );
  }
  return labels.service === entity.name;
}
