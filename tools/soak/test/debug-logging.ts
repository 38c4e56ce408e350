// Imported first by a test file: n8n-core's logger reads its level when it is created.
process.env.N8N_LOG_LEVEL = 'debug';
