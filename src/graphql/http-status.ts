/**
 * The HTTP status an error answers with, for clients that accept application/graphql-response+json.
 * Clients asking for application/json get 200 with the same errors, as the GraphQL-over-HTTP spec
 * asks (Yoga reads `spec: true` that way); headers (Retry-After, RateLimit-*) are sent to both.
 */
export const httpStatus = (status: number, headers?: Record<string, string>) => ({ status, spec: true, ...(headers ? { headers } : {}) });
