import { join, relative } from 'node:path';
import pino from 'pino';
import { REPO_ROOT } from '@motcua/dev-stack';

/**
 * Quiet tests: the JSON logs of the services a test file starts (in process or as processes) go to
 * `.local/test-logs/<run>/<test file>.log` instead of the console; jest's summary reporter
 * (libs/testing/jest-summary-reporter.mjs) prints a failed file's log. MOTCUA_TEST_LOGS=console restores
 * the old behaviour; MOTCUA_TEST_RUN_ID (set by scripts/test.mjs) names the run's folder.
 */
export function testLogsToConsole(): boolean {
  return process.env.MOTCUA_TEST_LOGS === 'console';
}

export function testRunLogDir(): string {
  return join(REPO_ROOT, '.local/test-logs', process.env.MOTCUA_TEST_RUN_ID ?? 'adhoc');
}

/** The log file of the test file being run, or undefined outside jest. */
export function testLogFile(): string | undefined {
  const testPath = (
    globalThis as { expect?: { getState?: () => { testPath?: string } } }
  ).expect?.getState?.().testPath;
  return testPath ? join(testRunLogDir(), `${relative(REPO_ROOT, testPath)}.log`) : undefined;
}

type Destination = ReturnType<typeof pino.destination>;
const streams = new Map<string, Destination>();

/**
 * An appending stream to a test file's log (one per file and process). Synchronous: the reporter reads the
 * file as soon as the test file ends, and a worker may exit right after.
 */
function streamFor(file: string): Destination {
  let stream = streams.get(file);
  if (!stream) {
    stream = pino.destination({ dest: file, sync: true, mkdir: true, append: true });
    streams.set(file, stream);
  }
  return stream;
}

/** Where a test logger writes: the test file's log, or undefined for stdout. */
export function testLogDestination(): pino.DestinationStream | undefined {
  const file = testLogsToConsole() ? undefined : testLogFile();
  return file ? streamFor(file) : undefined;
}

/** One output line of a service process started by a test, prefixed with the service's name. */
export function writeTestLogLine(service: string, line: string): void {
  const file = testLogsToConsole() ? undefined : testLogFile();
  if (file) streamFor(file).write(`[${service}] ${line}\n`);
  else process.stderr.write(`[${service}] ${line}\n`);
}
