import { ConfigError } from '../config.ts';
import { InputRejectedError, ValidationError } from '../errors.ts';

/**
 * Runs a command-line entry point and exits with its code. Refused input and bad configuration
 * print their message alone (exit 1); anything else prints the error with its stack (exit 1).
 */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const expected = error instanceof ValidationError || error instanceof InputRejectedError || error instanceof ConfigError;
      console.error(expected ? error.message : error);
      process.exit(1);
    },
  );
}
