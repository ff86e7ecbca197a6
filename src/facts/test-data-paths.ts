/**
 * Paths that hold someone else's files or test data rather than the project's own configuration:
 * vendored trees and test fixtures. A Dockerfile or manifest there describes a test scenario or a
 * dependency, not what this repository ships, so infrastructure facts leave it out.
 */
const TEST_DATA = /(^|\/)(fixtures?|__fixtures__|testdata|test-data|__snapshots__|vendor|third[_-]party|node_modules|\.terraform)\//i;

export function isTestDataPath(path: string): boolean {
  return TEST_DATA.test(path);
}
