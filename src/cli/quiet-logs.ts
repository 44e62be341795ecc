/**
 * Imported first by the CLI entry point: the CLI talks to people, so the structured logger only reports warnings
 * unless `LOG_LEVEL` asks for more. Must run before anything imports the logger.
 */
process.env.LOG_LEVEL ||= 'warn';

export {};
