import type { Plugin } from 'graphql-yoga';

const ANSWERS: Record<number, { code: string; message: string }> = {
  406: {
    code: 'NOT_ACCEPTABLE',
    message: 'No response type in Accept can be served: ask for application/graphql-response+json, application/json, text/event-stream or multipart/mixed.',
  },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the request as application/json (or multipart/form-data for uploads, application/x-www-form-urlencoded for forms).',
  },
};

/** Yoga answers these with an empty body; clients get a GraphQL error they can read instead. */
export function useErrorBodies(): Plugin {
  return {
    onResponse({ response, setResponse, fetchAPI }) {
      const answer = ANSWERS[response.status];
      if (!answer || (response.headers.get('content-length') !== null && response.headers.get('content-length') !== '0')) return;
      if (response.headers.get('content-type')) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      setResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: answer.message, extensions: { code: answer.code } }] }), {
          status: response.status,
          headers,
        }),
      );
    },
  };
}
