/**
 * Who is calling: a signed-in author (in one of their sessions: the `sid` of their access token), or a
 * service token (e.g. an engagement ingester; `tokenId` is its row in service_tokens).
 */
export type Viewer =
  | { kind: 'user'; userId: string; sessionId: string; scopes: ReadonlySet<string> }
  | { kind: 'service'; name: string; tokenId: string; scopes: ReadonlySet<string> };

/** The signed-in author's id, or undefined for anonymous callers and service tokens. */
export const viewerUserId = (holder: { readonly viewer: Viewer | null }): string | undefined =>
  holder.viewer?.kind === 'user' ? holder.viewer.userId : undefined;

/** The session (`sid`) of a signed-in author's access token, or undefined for anyone else. */
export const viewerSessionId = (holder: { readonly viewer: Viewer | null }): string | undefined =>
  holder.viewer?.kind === 'user' ? holder.viewer.sessionId : undefined;
