import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphQLResponse, TestApp } from '../helpers/test-app.js';

export const MEDIA_FIELDS = 'id kind status contentType url thumbnailUrl width height pages altText bytes';
export const UPLOAD = `mutation ($file: Upload!, $altText: String) { uploadMedia(file: $file, altText: $altText) { ${MEDIA_FIELDS} } }`;

export interface MediaShape {
  id: string;
  kind: 'IMAGE' | 'DOCUMENT';
  status: 'PENDING' | 'READY';
  contentType: string;
  url: string | null;
  thumbnailUrl: string | null;
  width: number | null;
  height: number | null;
  pages: number | null;
  altText: string | null;
  bytes: number;
}

/** A GraphQL multipart request (operations, map, file) as a browser sends it: fetch and FormData. */
export async function uploadWithFetch(
  t: TestApp,
  token: string,
  bytes: Buffer,
  file: { type: string; name: string; altText?: string },
): Promise<GraphQLResponse<{ uploadMedia: MediaShape }>> {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: UPLOAD, variables: { file: null, altText: file.altText ?? null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([new Uint8Array(bytes)], { type: file.type }), file.name);
  const response = await t.fetch('/graphql', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}`, 'x-graphql-csrf': '1', accept: 'application/graphql-response+json' },
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

/** Every file under `dir` (relative paths), to show what a refused upload left: nothing. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** Fetches a media URL, absolute (a bucket) or relative to the API (local storage). */
export const fetchMediaUrl = (t: TestApp, url: string, init?: RequestInit) => fetch(new URL(url, t.url), init);

export const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { url method headers { name value } expiresAt media { ${MEDIA_FIELDS} } } }`;
export const COMPLETE_UPLOAD = `mutation ($id: ID!) { completeUpload(id: $id) { ${MEDIA_FIELDS} } }`;

export interface UploadTicketShape {
  url: string;
  method: string;
  headers: { name: string; value: string }[];
  expiresAt: string;
  media: MediaShape;
}

/** The second step as any client does it, whatever the storage: PUT the bytes to the ticket's URL with its headers. */
export const putBytes = (t: TestApp, ticket: UploadTicketShape, bytes: Buffer) =>
  fetchMediaUrl(t, ticket.url, {
    method: ticket.method,
    headers: Object.fromEntries(ticket.headers.map((header) => [header.name, header.value])),
    body: new Uint8Array(bytes),
  });
