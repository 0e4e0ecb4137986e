// What a browser page relies on: the modules load as they are (no bare imports, nothing of Node),
// the build gives the SDK and JsSIP as ES modules, and the declarations name what the code exports.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as sdk from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const IMPORT = /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g;

describe('the package', { timeout: 60_000 }, () => {
  it('imports nothing but its own modules, by relative paths with their .js extension', async () => {
    const files = (await readdir(join(root, 'src'))).filter((f) => f.endsWith('.js'));
    assert.ok(files.length >= 6);
    for (const file of files) {
      const text = (await readFile(join(root, 'src', file), 'utf8'))
        .replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''); // comments may name anything
      const specifiers = [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
      for (const specifier of specifiers) {
        assert.match(specifier, /^\.\/[\w-]+\.js$/, `${file} imports "${specifier}"`);
      }
      assert.doesNotMatch(text, /\bprocess\.|\brequire\(|\bBuffer\b/, `${file} uses Node-only globals`);
    }
  });

  it('declares every export of the code', async () => {
    const declarations = await readFile(join(root, 'types/index.d.ts'), 'utf8');
    for (const name of Object.keys(sdk)) {
      assert.match(declarations, new RegExp(`export declare (?:const|class|function) ${name}\\b`), `${name} is declared`);
    }
  });

  it('builds dist/ with the SDK and JsSIP as ES modules', async () => {
    const out = await mkdtemp(join(tmpdir(), 'dataivr-web-sdk-'));
    try {
      await promisify(execFile)(process.execPath, [join(root, 'scripts/build.mjs'), out]);
      const built = await readdir(join(out, 'sdk'));
      for (const file of ['index.js', 'client.js', 'voice.js', 'jssip-ua.js', 'index.d.ts']) {
        assert.ok(built.includes(file), `dist/sdk/${file}`);
      }
      assert.equal(built.includes('usage.test-d.ts'), false);
      const fromDist = await import(join(out, 'sdk/index.js'));
      assert.deepEqual(Object.keys(fromDist).sort(), Object.keys(sdk).sort());
      const { default: JsSIP } = await import(join(out, 'vendor/jssip.js'));
      assert.equal(typeof JsSIP.UA, 'function');
      const bundle = await readFile(join(out, 'vendor/jssip.js'), 'utf8');
      assert.match(bundle, /^\/\* JsSIP 3\.13\.8 \(MIT/);
      assert.doesNotMatch(bundle, /\brequire\(\s*["'](?!\.)/, 'no CommonJS require of a package is left');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
