/** The slice of a pino logger the libs write to: the gateway and worker pass their pino logger. */
export interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
