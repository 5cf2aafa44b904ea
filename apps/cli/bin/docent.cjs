#!/usr/bin/env node
'use strict';
// `npx docent`: the CLI runs from its TypeScript source, compiled by swc as it loads, like the
// workspace's other scripts; there is no build step to forget.
const path = require('node:path');

process.env.SWC_NODE_PROJECT = path.join(__dirname, '../tsconfig.app.json');
require('@swc-node/register');
require('../src/main.ts');
