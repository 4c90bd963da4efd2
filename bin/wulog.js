#!/usr/bin/env node
// Entry of the `wulog` command: the bundled CLI lives in dist/.
require('../dist/cli.js');
