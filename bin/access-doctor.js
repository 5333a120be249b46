#!/usr/bin/env node
'use strict';
// The access-doctor command: built from src/cli by `npm install` (scripts/build-cli.mjs).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/cli.js');
