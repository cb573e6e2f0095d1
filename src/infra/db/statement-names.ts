/**
 * Names for PostgreSQL prepared statements, so each pooled connection parses and plans a query's
 * SQL once instead of on every request (node-postgres prepares a named statement on first use per
 * connection and then sends only Bind/Execute). Texts are named in order of first sight up to
 * `max`; later new texts run unnamed, so a stream of one-off SQL (raw queries, IN lists of every
 * length) cannot grow every connection's statement cache, or the server's, without bound.
 */
export function createStatementNamer(max: number): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= max) return known;
    const name = `lpa_${names.size.toString(36)}`;
    names.set(sql, name);
    return name;
  };
}
