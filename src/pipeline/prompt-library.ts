/**
 * Loads prompts/<name>.md. Each prompt's version is its name plus a hash of
 * its content, so a changed prompt is visible in every ledger row and routing
 * decision that used it. Loaded once at start-up: a missing file fails then.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PromptNotFoundError } from '../errors.js';

export const PROMPT_NAMES = ['classify', 'extract', 'draft', 'summarize', 'review'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

export interface Prompt {
  name: PromptName;
  version: string;
  system: string;
}

const DEFAULT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../prompts');

export class PromptLibrary {
  private readonly prompts = new Map<PromptName, Prompt>();

  constructor(directory: string = DEFAULT_DIR) {
    for (const name of PROMPT_NAMES) {
      let system: string;
      try {
        system = readFileSync(join(directory, `${name}.md`), 'utf8').trim();
      } catch (cause) {
        throw new PromptNotFoundError(name, { cause });
      }
      const hash = createHash('sha256').update(system).digest('hex').slice(0, 12);
      this.prompts.set(name, { name, version: `${name}@${hash}`, system });
    }
  }

  get(name: PromptName): Prompt {
    const prompt = this.prompts.get(name);
    if (!prompt) throw new PromptNotFoundError(name);
    return prompt;
  }
}
