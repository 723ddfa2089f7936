/** A small, strict argument parser: unknown flags are errors, not ignored. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';

export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (cause) {
    throw new InputError(`${(cause as Error).message}. Run with --help for usage.`, { cause });
  }
}
