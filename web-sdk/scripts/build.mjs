// Builds dist/, what a browser page loads without a bundler of its own:
//   dist/sdk/*.js          the SDK's ES modules, copied as they are (relative imports only)
//   dist/sdk/*.d.ts        their type declarations
//   dist/vendor/jssip.js   JsSIP (npm ships only CommonJS) bundled once as one ES module whose
//                          default export is the JsSIP namespace
// The adapter serves dist/ under /app/ (see README.md, "In a page").
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, process.argv[2] ?? 'dist');

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'vendor'), { recursive: true });
await cp(join(root, 'src'), join(out, 'sdk'), { recursive: true });
await cp(join(root, 'types'), join(out, 'sdk'), { recursive: true, filter: (path) => !path.endsWith('.test-d.ts') && !path.endsWith('tsconfig.json') });

const jssipVersion = JSON.parse(await readFile(join(root, 'node_modules/jssip/package.json'), 'utf8')).version;
await build({
  stdin: {
    contents: "import JsSIP from 'jssip'; export default JsSIP;",
    resolveDir: root,
    sourcefile: 'jssip-entry.js',
  },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  legalComments: 'inline',
  banner: { js: `/* JsSIP ${jssipVersion} (MIT, https://jssip.net), bundled as an ES module for DataIVR */` },
  outfile: join(out, 'vendor/jssip.js'),
  logLevel: 'warning',
});
console.log(`built ${out} (JsSIP ${jssipVersion})`);
