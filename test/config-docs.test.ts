/**
 * The documentation of settings stays true to the code: every variable the
 * config schema reads is in .env.example, the README's table and `--help`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../src/config.js';

const envExample = readFileSync('.env.example', 'utf8');
const readme = readFileSync('README.md', 'utf8');

describe('configuration docs', () => {
  it('lists every variable in .env.example and in the README table', () => {
    const missingInExample = CONFIG_VARIABLES.filter((name) => !new RegExp(`^#?\\s*${name}=`, 'm').test(envExample));
    const missingInReadme = CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\``));
    expect(missingInExample).toEqual([]);
    expect(missingInReadme).toEqual([]);
  });

  it('names every variable in npm start -- --help', () => {
    const help = execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], { encoding: 'utf8' });
    expect(CONFIG_VARIABLES.filter((name) => !help.includes(name))).toEqual([]);
  });
});
