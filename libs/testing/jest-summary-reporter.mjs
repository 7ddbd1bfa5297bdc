// A jest reporter beside the default one: when a test file fails it prints that file's service logs
// (written to .local/test-logs/<run>/<test file>.log by libs/testing/src/test-logs.ts, which names them the
// same way), and at the end one line per tier (unit, integration, e2e): files, passed, failed, skipped and
// wall-clock time. Plain JavaScript: jest loads reporters without transforming them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** A failed file's log can be long: its end is where the failure is. */
const MAX_LINES = 200;

const logDir = () => join(ROOT, '.local/test-logs', process.env.MOTCUA_TEST_RUN_ID ?? 'adhoc');
const logFileOf = (testPath) => join(logDir(), `${relative(ROOT, testPath)}.log`);

export default class SummaryReporter {
  onTestResult(test, result) {
    const failed = result.numFailingTests > 0 || result.testExecError;
    const file = logFileOf(result.testFilePath);
    if (!failed || process.env.MOTCUA_TEST_LOGS === 'console' || !existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const shown = lines.slice(-MAX_LINES);
    const header = `logs of ${relative(ROOT, result.testFilePath)} (${relative(ROOT, file)}`;
    process.stderr.write(
      `\n---- ${header}${shown.length < lines.length ? `, last ${shown.length} of ${lines.length} lines` : ''})\n` +
        `${shown.join('\n')}\n---- end of logs\n`,
    );
  }

  onRunComplete(_contexts, results) {
    const tiers = new Map();
    for (const result of results.testResults) {
      const name = result.displayName?.name ?? 'tests';
      const tier = tiers.get(name) ?? { files: 0, passed: 0, failed: 0, skipped: 0, start: Infinity, end: 0 };
      tier.files += 1;
      tier.passed += result.numPassingTests;
      tier.failed += result.numFailingTests + (result.testExecError ? 1 : 0);
      tier.skipped += result.numPendingTests + result.numTodoTests;
      tier.start = Math.min(tier.start, result.perfStats.start);
      tier.end = Math.max(tier.end, result.perfStats.end);
      tiers.set(name, tier);
    }
    if (tiers.size === 0) return;
    const rows = [['tier', 'files', 'passed', 'failed', 'skipped', 'time']];
    for (const name of ['unit', 'integration', 'e2e', ...tiers.keys()].filter(
      (n, i, all) => all.indexOf(n) === i,
    )) {
      const tier = tiers.get(name);
      if (!tier) continue;
      const seconds = Math.max(0, (tier.end - tier.start) / 1000).toFixed(1);
      rows.push([name, tier.files, tier.passed, tier.failed, tier.skipped, `${seconds} s`].map(String));
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    const format = (row) =>
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
    process.stderr.write(
      `\n== summary per tier (service logs: ${relative(ROOT, logDir())}/)\n${rows.map(format).join('\n')}\n`,
    );
  }
}
