// Prints one closing line for the whole suite, 'tests: N passed, N failed',
// from the JSON reports Jest and Playwright wrote during scripts/test-all.sh.
const fs = require('fs');

const read = file =>
  fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;

let passed = 0;
let failed = 0;
const jest = read('test-results/jest.json');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
}
const e2e = read('test-results/e2e.json');
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
