/**
 * Names of the metrics a PromQL expression (or a Grafana query using $variables) selects.
 * Strings, label matchers, ranges and grouping clauses are removed first; what remains are
 * function names (followed by "("), keywords, numbers and durations, and metric names.
 */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  'start',
  'end',
]);

export function metricNamesIn(expression: string): string[] {
  const names = new Set<string>();
  for (const match of expression.matchAll(/__name__\s*=~?\s*"([^"]+)"/g)) names.add(match[1]!);

  const labelValues = /^\s*label_values\(\s*(.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$/s.exec(expression);
  if (labelValues) {
    for (const name of metricNamesIn(labelValues[1]!)) names.add(name);
    return [...names];
  }

  const stripped = expression
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, ' ');

  for (const match of stripped.matchAll(/(?<![A-Za-z0-9_:.])[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const token = match[0];
    const rest = stripped.slice(match.index + token.length);
    if (/^\s*\(/.test(rest)) continue;
    if (KEYWORDS.has(token.toLowerCase())) continue;
    names.add(token);
  }
  return [...names];
}
