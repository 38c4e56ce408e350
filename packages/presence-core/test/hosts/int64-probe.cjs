/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, run as is by each Node version */
// Run by int64-hosts.test.ts under each Node the supported n8n versions use: lists Cirrus
// managers whose ids are above 2^53 through the built core, from the answer's exact text,
// and prints the ids it got with the Node version.
const { createCirrusClient } = require('../../dist/index.js');

const body =
  '{"status":"200","description":"OK","response_time":"2025-01-07T10:00:00Z","object":[' +
  '{"id":9007199254740993,"firstName":"Ada","lastName":"Int","permissionId":2},' +
  '{"id":1234567890123456789,"firstName":"Bo","lastName":"Big","permissionId":4,"teamName":"id 9007199254740995 in text"},' +
  '{"id":42,"firstName":"Cy","lastName":"Small","permissionId":2}]}';
const transport = { request: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body }) };

createCirrusClient({ transport, baseUrl: 'https://api.commbox.io' })
  .listAgents({ includeRaw: true })
  .then((agents) => {
    process.stdout.write(JSON.stringify({ node: process.version, ids: agents.map((a) => a.agentId), teamName: agents[1].raw.teamName }));
  })
  .catch((error) => {
    process.stderr.write(String(error && error.stack));
    process.exit(1);
  });
