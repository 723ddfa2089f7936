/**
 * The knowledge base's settings: a zod fragment src/config.ts spreads into
 * its environment schema (so a bad value is reported with every other
 * problem, naming its variable), and the settings object the bot reads.
 */
import { z } from 'zod';

export const DEFAULT_KB_PATH = './kb';

export const KB_ENVIRONMENT = {
  /** Folder of Markdown and text files; empty means the default. A missing folder is an empty KB, not an error. */
  KB_PATH: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? DEFAULT_KB_PATH : value.trim())),
};

export interface KnowledgeBaseSettings {
  /** The KB folder (KB_PATH), as given: relative paths resolve against the working directory. */
  path: string;
}

export function knowledgeBaseSettings(env: { KB_PATH: string }): KnowledgeBaseSettings {
  return { path: env.KB_PATH };
}
