#!/usr/bin/env node
// Entry of the `wulog` command: the bundled CLI lives in dist/ (wulog.js starts cli.js).
require('../dist/wulog.js');
