/**
 * How every command ends: its exit code, or an error printed as one line
 * with its stable code (exit 2) — a stack only for the unexpected (exit 1).
 */
import { TriageError } from '../errors.js';

export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (TriageError.isInstance(error)) {
        process.stderr.write(`error ${error.code}: ${error.message}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
