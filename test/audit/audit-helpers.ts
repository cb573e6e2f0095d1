import { encodeGlobalID } from '@pothos/plugin-relay';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { rawId } from '../publishing/publishing-app.js';

export interface Caller {
  token: string;
  id: string;
  email: string;
}

let sent = 0;

/** A mutation or query sent with an X-Request-Id of its own: the answer, and the id the server echoed (what its logs carry). */
export async function withRequestId<T = Record<string, any>>(t: TestApp, query: string, variables: Record<string, unknown>, token: string) {
  const requestId = `audit-test-${++sent}-${Date.now()}`;
  const response = await t.gql<T>(query, variables, { token, headers: { 'x-request-id': requestId } });
  expect(response.headers.get('x-request-id')).toBe(requestId);
  return { ...response, requestId };
}

/** The same as a GraphQL multipart request carrying `file` as `$file` (uploadMedia). */
export async function uploadWithRequestId(t: TestApp, query: string, variables: Record<string, unknown>, token: string, file: Buffer) {
  const requestId = `audit-test-${++sent}-${Date.now()}`;
  const form = new FormData();
  form.set('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'audited.png');
  const response = await t.fetch('/graphql', {
    method: 'POST',
    body: form,
    headers: { 'x-graphql-csrf': '1', authorization: `Bearer ${token}`, 'x-request-id': requestId },
  });
  expect(response.headers.get('x-request-id')).toBe(requestId);
  return { ...((await response.json()) as { data?: Record<string, any> | null; errors?: unknown }), requestId };
}

/** The entries a request wrote, as stored, members' and system's alike. */
export const entriesOf = (t: TestApp, requestId: string) => t.app.db.prisma.auditEntry.findMany({ where: { requestId }, orderBy: { createdAt: 'asc' } });

/** Makes the user a member with `role` directly (invitations have rows of their own). */
export async function join(t: TestApp, workspace: string, user: Caller, role: 'VIEWER' | 'EDITOR' | 'ADMIN' | 'OWNER') {
  await t.app.db.prisma.workspaceMember.create({ data: { workspaceId: rawId(workspace), userId: rawId(user.id), role } });
}

export const ok = <T>(response: { data?: T | null; errors?: unknown }): T => {
  expect(response.errors).toBeUndefined();
  return response.data as T;
};

export const invitationId = (raw: string) => encodeGlobalID('Invitation', raw);
