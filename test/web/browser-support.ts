/**
 * Debian's Chromium driven by playwright-core, for the web console's browser
 * tests. playwright-core comes from node_modules, or from the folder
 * PLAYWRIGHT_CORE_DIR names (a scratch install); axe-core likewise (or
 * AXE_CORE_DIR). When either the library or /usr/bin/chromium is missing the
 * tests are skipped with a printed reason, unless REQUIRE_BROWSER=1, which
 * makes the absence a failure (CI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';

/** The part of playwright-core's API these tests use (typed here: the package may not be installed). */
export interface BrowserType {
  launch(options: { executablePath: string; args?: string[]; headless?: boolean }): Promise<Browser>;
}
export interface Browser {
  newContext(options?: { bypassCSP?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}
export interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
export interface Locator {
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  textContent(): Promise<string | null>;
  inputValue(): Promise<string>;
  getAttribute(name: string): Promise<string | null>;
  count(): Promise<number>;
  locator(selector: string): Locator;
  first(): Locator;
  focus(): Promise<void>;
}
export interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  evaluate<T>(fn: string | (() => T)): Promise<T>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  keyboard: { press(key: string): Promise<void> };
  on(event: 'pageerror' | 'console', listener: (value: { message?: string; text?: () => string }) => void): void;
}

export interface BrowserKit {
  chromium: BrowserType;
  /** axe-core's source, injected into a page to run the accessibility check; null when not installed. */
  axeSource: string | null;
}

async function importFrom(name: string, dirVariable: string): Promise<unknown> {
  try {
    return await import(name);
  } catch {
    const dir = process.env[dirVariable];
    if (!dir) return null;
    const entry = join(dir, name === 'playwright-core' ? 'index.mjs' : 'axe.js');
    return existsSync(entry) ? await import(pathToFileURL(entry).href) : null;
  }
}

function axeSource(): string | null {
  const dir = process.env.AXE_CORE_DIR;
  try {
    const path = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    return readFileSync(path, 'utf8');
  } catch {
    return dir && existsSync(join(dir, 'axe.min.js')) ? readFileSync(join(dir, 'axe.min.js'), 'utf8') : null;
  }
}

/** The browser kit, or why there is none. */
export async function browserKit(): Promise<BrowserKit | string> {
  const module = (await importFrom('playwright-core', 'PLAYWRIGHT_CORE_DIR')) as { chromium?: BrowserType; default?: { chromium?: BrowserType } } | null;
  const chromium = module?.chromium ?? module?.default?.chromium;
  if (!chromium) return 'playwright-core is not installed (npm install --save-dev playwright-core@~1.65, or PLAYWRIGHT_CORE_DIR)';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  return { chromium, axeSource: axeSource() };
}

export const browserRequired = process.env.REQUIRE_BROWSER === '1';
