/** The slice of a pino-style logger this lib writes to. */
export interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
