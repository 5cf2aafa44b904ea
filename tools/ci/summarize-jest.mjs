// Reads the Jest JSON reports of every project's test layers (`test`: unit specs, `integration`
// and `e2e`: suites against real databases, models and servers) and prints one closing line,
// `N passed, N failed, N skipped`. A layer whose report is missing counts as a failure (its
// Jest crashed or never ran), as does a suite that failed to load.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const reportsDir = process.argv[2] ?? 'reports/jest';
// Exit status of the whole test command: lint or typecheck can fail while every test passes.
const commandStatus = Number(process.argv[3] ?? 0);
const TEST_TARGETS = ['test', 'integration', 'e2e'];
const layers = ['apps', 'libs']
  .flatMap((group) => readdirSync(group).map((name) => path.join(group, name, 'project.json')))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, 'utf8')))
  .flatMap((project) => TEST_TARGETS.filter((target) => project.targets?.[target]).map((target) => `${project.name}.${target}`))
  .sort();

let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of layers) {
  const file = path.join(reportsDir, `${name}.json`);
  if (!existsSync(file)) {
    console.log(`${name}: no test report (the test run did not finish)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const brokenSuites = report.numRuntimeErrorTestSuites ?? 0;
  console.log(
    `${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped` +
      (brokenSuites ? `, ${brokenSuites} suites failed to run` : ''),
  );
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenSuites;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (commandStatus !== 0 && failed === 0) {
  console.log(`the test command exited with status ${commandStatus} (lint or typecheck failed); counted as one failure`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
