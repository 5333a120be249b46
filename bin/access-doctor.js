#!/usr/bin/env node
'use strict';
// The access-doctor command: built from src/cli by `npm install` (scripts/build-cli.mjs).
require('../dist/cli.js');
