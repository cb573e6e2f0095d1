interface ErrorLike {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; constraint?: { index?: unknown } } } };
}

/**
 * The foreign key a write broke (Prisma's P2003), by its constraint name, e.g. "posts_author_id_fkey";
 * undefined for any other error. Both driver adapters (pg and PGlite) report it alike.
 */
export function violatedForeignKey(error: unknown): string | undefined {
  const candidate = error as ErrorLike | null;
  if (candidate?.code !== 'P2003') return undefined;
  const index = candidate.meta?.driverAdapterError?.cause?.constraint?.index;
  return typeof index === 'string' ? index : undefined;
}
