/** The Relay global ID a client knows a post by, for messages that name one. */
export const postGlobalId = (id: string) => Buffer.from(`Post:${id}`).toString('base64');
