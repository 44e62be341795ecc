/**
 * Imported first by the CLI entry point: the CLI talks to people, so the structured logger only reports warnings
 * unless `LOG_LEVEL` asks for more (this must run before anything imports the logger), and Node's process warnings
 * are printed as one line each.
 */
process.env.LOG_LEVEL ||= 'warn';

process.removeAllListeners('warning');
process.on('warning', (w) => {
  console.error(`helpscope: warning: ${w.name}: ${w.message}`);
});

export {};
