import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { ConfigError } from './config';

/** What never reaches a log line, whichever program or request writes it. */
export const REDACTED_PATHS = ['*.password', '*.passwordHash', '*.accessToken', '*.refreshToken', '*.secret', '*.apiKey', 'req.headers.authorization', 'req.headers.cookie'];

/**
 * The one logger factory of every Docent program: JSON lines (one per event, for collectors), or
 * readable colour output when stdout is a terminal; the redaction list above; and pino's own `err`
 * serializer, so `{ err: error }` logs the error's type, message and stack.
 */
export function createLogger(level: LevelWithSilent = 'info', destination: DestinationStream = defaultDestination()): Logger {
  return pino({ level, redact: REDACTED_PATHS }, destination);
}

function defaultDestination(): DestinationStream {
  // Written synchronously, so a line logged just before the process exits is not lost.
  return process.stdout.isTTY ? pretty({ translateTime: 'SYS:HH:MM:ss.l', sync: true }) : pino.destination({ dest: 1, sync: true });
}

/** Runs a program's `main`; a failure to start is logged (a configuration problem without a stack) and ends the process. */
export function runProgram(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const logger = createLogger();
    if (error instanceof ConfigError) logger.fatal({ problems: error.problems }, `${name} cannot start: invalid configuration`);
    else logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  });
}
