/**
 * The project's folder (the nearest one up with a package.json), found from
 * this module's own place: the same folder whether the code runs from src/
 * under tsx or compiled into dist/src/ (`npm start` runs the compiled bot),
 * so prompts/, migrations/ and the offline model's data are found either way.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
