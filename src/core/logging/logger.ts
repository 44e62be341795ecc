import pino from 'pino';

/** The process-wide structured logger (pino). Level comes from `LOG_LEVEL`; tests default to silent. */
export const logger = pino({
  level: process.env.LOG_LEVEL || (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: undefined,
});
