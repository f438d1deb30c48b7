// Jest transform for ESM-only packages in node_modules (jose 6): esbuild turns their
// import/export into CommonJS, which Jest's module runtime (CommonJS here) can load.
// Used by jest.config.js for the paths transformIgnorePatterns lets through.
const { createHash } = require('node:crypto');
const esbuild = require('esbuild');

const TARGET = 'node20';

module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = esbuild.transformSync(sourceText, {
      format: 'cjs',
      target: TARGET,
      loader: 'js',
      sourcefile: sourcePath,
      sourcemap: 'external',
    });
    return { code, map };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(`${esbuild.version}\0${TARGET}\0${sourcePath}\0`).update(sourceText).digest('hex');
  },
};
