// Desktop VS Code runner for the same integration suite (@vscode/test-cli: `npx vscode-test`).
// It downloads VS Code from Microsoft's update server, so it only works on a machine that
// can reach it; offline (and in CI) use `npm run test:integration` (code-server), which runs
// the very same test/integration/suite/*.test.ts files.
// Build first: `npm run build && npm run compile-tests`.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/suite/**/*.test.js',
  version: 'stable',
  workspaceFolder: './test/integration/workspace',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 30000 },
});
