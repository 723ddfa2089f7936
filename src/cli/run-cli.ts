/**
 * How every command ends: its exit code, or an error printed as one line
 * with its stable code (exit 2) — a stack only for the unexpected (exit 1).
 */
import { TriageError } from '../errors.js';
import { scrubSecrets } from '../policy/redaction.js';

export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Config may not have loaded, so no secret values are known here: scrubbed by pattern.
      if (TriageError.isInstance(error)) {
        process.stderr.write(`error ${error.code}: ${scrubSecrets(error.message)}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`unexpected error: ${scrubSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
        process.exitCode = 1;
      }
    },
  );
}
