/** IPC between a server process and the cluster primary. */
/** Sent once a server process has started (listening, cache warmed): the primary then starts the next. */
export const PROCESS_READY = 'lpa:ready';
export const METRICS_REQUEST = 'lpa:metrics-request';
export const METRICS_REPLY = 'lpa:metrics-reply';

export type MetricsReply = { type: typeof METRICS_REPLY; id?: number } & ({ text: string } | { error: string });
