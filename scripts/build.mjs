// Bundles the extension and the CLI with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  // What bin/wulog.js loads: starts dist/cli.js (in a worker thread for summarize).
  { ...common, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/wulog.js' },
  // Started by the two bundles above from their own folder (src/core/analysis/parallel.ts).
  { ...common, entryPoints: ['src/core/analysis/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
];

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
