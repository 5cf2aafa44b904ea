// Preloaded (node -r) into a program under test: when it exits, writes the file of every
// CommonJS module it loaded to LOADED_MODULES_FILE, so a test can see what a program pulled in.
const { writeFileSync } = require('node:fs');

const file = process.env.LOADED_MODULES_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(Object.keys(require.cache))));
