/**
 * Debian's Chromium driven by playwright-core (a dev dependency), for the web
 * console's browser tests, with axe-core's source for the accessibility
 * check. When /usr/bin/chromium is missing (a machine that has not run
 * `apt-get install chromium`) the tests are skipped with a printed reason,
 * unless REQUIRE_BROWSER=1, which makes the absence a failure (CI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The part of playwright-core's API these tests use. */
export interface BrowserType {
  launch(options: { executablePath: string; args?: string[]; headless?: boolean }): Promise<Browser>;
}
export interface Browser {
  /** `viewport` in CSS pixels; `deviceScaleFactor` 2 on a half-size viewport is what 200% browser zoom lays out. */
  newContext(options?: { bypassCSP?: boolean; viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<BrowserContext>;
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
  isVisible(): Promise<boolean>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
}
export interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  evaluate<T>(fn: string | (() => T)): Promise<T>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  keyboard: { press(key: string): Promise<void> };
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } }): Promise<unknown>;
  on(event: 'pageerror' | 'console', listener: (value: { message?: string; text?: () => string }) => void): void;
}

export interface BrowserKit {
  chromium: BrowserType;
  /** axe-core's source, injected into a page to run the accessibility check; null when not installed. */
  axeSource: string | null;
}

function axeSource(): string | null {
  try {
    return readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  } catch {
    return null;
  }
}

/** The browser kit, or why there is none. */
export function browserKit(): Promise<BrowserKit | string> {
  if (!existsSync(CHROMIUM)) return Promise.resolve(`${CHROMIUM} is missing (apt-get install chromium)`);
  return Promise.resolve({ chromium: chromium as unknown as BrowserType, axeSource: axeSource() });
}

export const browserRequired = process.env.REQUIRE_BROWSER === '1';
