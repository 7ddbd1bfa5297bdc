// Three tiers, told apart by file name (ARCHITECTURE.md §2):
//   *.spec.ts              unit tests of pure logic, no infrastructure
//   *.integration-spec.ts  one service or library against the real Postgres, Kafka and S3
//   e2e/**/*.e2e-spec.ts   the whole system, all six services as processes
// Every library, mapped to its TypeScript source (at run time they resolve to their built dist/).
const { readdirSync } = require('node:fs'); // eslint-disable-line @typescript-eslint/no-require-imports
const libs = readdirSync(`${__dirname}/libs`);

const common = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/e2e', '<rootDir>/infra'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: Object.fromEntries(
    libs.map((lib) => [`^@motcua/${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`]),
  ),
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

// jest's testTimeout is global-only; each tier's setup file sets its own.
const timeouts = (tier) => `<rootDir>/libs/testing/src/jest-${tier}-timeout.setup.ts`;

module.exports = {
  // The default output, plus a failed file's service logs and a summary per tier (libs/testing).
  reporters: ['default', '<rootDir>/libs/testing/jest-summary-reporter.mjs'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.integration-spec.ts'],
      setupFilesAfterEnv: [timeouts('integration')],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: [timeouts('e2e')],
    },
  ],
};
