import { ConfigError } from '../config.ts';
import { DatabaseBusyError } from '../db/busy.ts';
import { InputRejectedError, ValidationError } from '../errors.ts';

const EXPECTED_ERRORS = [ValidationError, InputRejectedError, ConfigError, DatabaseBusyError];

/**
 * Runs a command-line entry point and exits with its code. A failure exits 1 with a message, never a
 * stack trace: refused input, bad configuration or a busy database print their own message, anything
 * else one line after "Failed:".
 */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(failureLine(error));
      process.exit(1);
    },
  );
}

export function failureLine(error: unknown): string {
  if (EXPECTED_ERRORS.some((kind) => error instanceof kind)) return (error as Error).message;
  const message = error instanceof Error ? error.message : String(error);
  return `Failed: ${message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error'}`;
}
