/** Every PromQL expression of a Grafana dashboard: panel targets and query variables. */
export function dashboardExpressions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) dashboardExpressions(child, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'expr' && typeof value === 'string') found.push(value);
      else if (key === 'query' && typeof value === 'string' && value.startsWith('label_values(')) found.push(value);
      else dashboardExpressions(value, found);
    }
  }
  return found;
}
