import type { inspectMedia } from './inspect-media.js';

type InspectMedia = typeof inspectMedia;

let loading: Promise<InspectMedia> | undefined;

/**
 * The media checks, loaded on the first upload rather than at start: file-type, sharp (libvips) and, for
 * a document, mupdf's WebAssembly hold tens of MB resident, which a process that only serves reads never needs.
 */
export function loadMediaInspector(): Promise<InspectMedia> {
  loading ??= import('./inspect-media.js').then((media) => media.inspectMedia);
  return loading;
}
