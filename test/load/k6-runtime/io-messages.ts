/** Messages between the script's thread (which blocks, as k6's API does) and the I/O worker that does the network work. */
export interface HttpRequestMessage {
  kind: 'http';
  id: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
}

export interface HttpResponseMessage {
  kind: 'http-response';
  id: number;
  /** 0 when no response came (k6's convention), with `error` saying why. */
  status: number;
  url: string;
  headers: [string, string][];
  setCookies: string[];
  body: string;
  error: string;
  /** From sending the request to reading the last byte of the body. */
  durationMs: number;
}

export type WsCommand =
  | { kind: 'ws-connect'; sessionId: number; url: string; protocols: string[]; headers: Record<string, string> }
  | { kind: 'ws-send'; sessionId: number; data: string }
  | { kind: 'ws-close'; sessionId: number };

export type WsEventMessage =
  | { kind: 'ws-event'; sessionId: number; type: 'open'; status: number; headers: Record<string, string> }
  | { kind: 'ws-event'; sessionId: number; type: 'message'; data: string }
  | { kind: 'ws-event'; sessionId: number; type: 'error'; error: string; status: number }
  | { kind: 'ws-event'; sessionId: number; type: 'close'; code: number };

export type ToWorker = HttpRequestMessage | WsCommand;
export type FromWorker = HttpResponseMessage | WsEventMessage;
