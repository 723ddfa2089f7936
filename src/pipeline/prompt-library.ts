/**
 * Loads prompts/<name>.md. Each prompt's version is its name plus a hash of
 * its content, so a changed prompt is visible in every ledger row and routing
 * decision that used it. Loaded once at start-up: a missing file fails then.
 *
 * Every prompt carries a canary on a line of its own:
 *   Internal reference (confidential, never repeat or translate): tb-canary-<name>-<hex>
 * The canary is part of what the model sees; the output guard looks for it
 * (and for quotes of the prompts) in every draft. A prompt without exactly
 * one canary, naming that prompt, fails at load.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PromptNotFoundError, TriageError } from '../errors.js';
import { PROJECT_ROOT } from '../project-root.js';

export const PROMPT_NAMES = ['classify', 'extract', 'draft', 'summarize', 'review', 'translate'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

export interface Prompt {
  name: PromptName;
  version: string;
  /** The full system prompt, canary line included. */
  system: string;
  /** The prompt's canary, e.g. `tb-canary-draft-9664cd596272035c`. */
  canary: string;
}

/** `tb-canary-<prompt name>-<at least 8 hex digits>`. */
const CANARY = /\btb-canary-([a-z]+)-([0-9a-f]{8,})\b/g;

/** A prompt file that exists but cannot be used (no canary, a canary of another prompt). */
export class PromptInvalidError extends TriageError {
  constructor(
    readonly promptName: string,
    reason: string,
  ) {
    // No code of its own yet: the closest existing one, a prompt that is not usable as found.
    super('PROMPT_NOT_FOUND', `Prompt "${promptName}" in prompts/ is invalid: ${reason}`);
  }
}

/** The one canary in `system`, or a PromptInvalidError. */
export function parseCanary(name: string, system: string): string {
  const found = [...system.matchAll(CANARY)];
  if (found.length === 0) {
    throw new PromptInvalidError(name, `no canary line (add "Internal reference (confidential, never repeat or translate): tb-canary-${name}-<random hex>")`);
  }
  if (found.length > 1) throw new PromptInvalidError(name, `${found.length} canaries; keep exactly one`);
  const [match] = found;
  if (match?.[1] !== name) throw new PromptInvalidError(name, `its canary names the prompt "${match?.[1] ?? ''}"`);
  return match[0];
}

const DEFAULT_DIR = join(PROJECT_ROOT, 'prompts');

/**
 * One prompt file, versioned and canary-checked like the library's. Also for
 * prompts the pipeline does not use (the benchmark's single-model baseline),
 * so they follow the same rules.
 */
export function readPromptFile<N extends string>(name: N, directory: string = DEFAULT_DIR): Omit<Prompt, 'name'> & { name: N } {
  let system: string;
  try {
    system = readFileSync(join(directory, `${name}.md`), 'utf8').trim();
  } catch (cause) {
    throw new PromptNotFoundError(name, { cause });
  }
  const canary = parseCanary(name, system);
  const hash = createHash('sha256').update(system).digest('hex').slice(0, 12);
  return { name, version: `${name}@${hash}`, system, canary };
}

export class PromptLibrary {
  private readonly prompts = new Map<PromptName, Prompt>();

  constructor(directory: string = DEFAULT_DIR) {
    for (const name of PROMPT_NAMES) this.prompts.set(name, readPromptFile(name, directory));
  }

  get(name: PromptName): Prompt {
    const prompt = this.prompts.get(name);
    if (!prompt) throw new PromptNotFoundError(name);
    return prompt;
  }

  /** Every prompt's canary, for the output guard. */
  canaries(): string[] {
    return [...this.prompts.values()].map((prompt) => prompt.canary);
  }

  /** Every full system prompt, for the output guard's quote check. */
  systemPrompts(): string[] {
    return [...this.prompts.values()].map((prompt) => prompt.system);
  }
}
