/**
 * npm run train:offline — retrains the offline classifier's naive Bayes
 * (src/models/offline/bayes.ts) on the tuning files of the labelled chat set
 * (test/fixtures/labelled/tune*.jsonl; never check.jsonl) and writes
 * src/models/offline/urgency-bayes.json.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUrgency } from '../domain/index.js';
import { trainBayes } from '../models/offline/bayes.js';
import { PROJECT_ROOT } from '../project-root.js';
import { runCli } from './run-cli.js';

async function main(): Promise<number> {
  const root = PROJECT_ROOT;
  const folder = join(root, 'test', 'fixtures', 'labelled');
  const files = readdirSync(folder).filter((name) => /^tune.*\.jsonl$/.test(name)).sort();
  const rows = files.flatMap((name) =>
    readFileSync(join(folder, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { text: string; urgency: string })
      .filter((row): row is { text: string; urgency: 'low' | 'normal' | 'high' | 'urgent' } => isUrgency(row.urgency)),
  );
  const model = trainBayes(rows);
  const out = join(root, 'src', 'models', 'offline', 'urgency-bayes.json');
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  process.stdout.write(`trained on ${rows.length} messages from ${files.join(', ')}: ${Object.keys(model.features).length} features → ${out}\n`);
  return 0;
}

runCli(main);
