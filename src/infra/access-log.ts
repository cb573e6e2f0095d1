/** The message of the one access log line each HTTP request writes when its response is done. */
export const ACCESS_LOG_MESSAGE = 'request completed';
