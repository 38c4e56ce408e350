module.exports = {
  ...require('../../jest.preset.cjs'),
  // The node and credential classes are imported from source as `X.node.js` / `X.credentials.js`
  // (tsx would otherwise pick the codex file `X.node.json`); jest resolves them to the .ts sources.
  moduleNameMapper: { '^((?:\\.\\./)+packages/.*)\\.js$': '$1' },
};
