// `wulog` command-line entry: dispatches to the sub-commands.
process.stderr.write('wulog: not built yet\n');
process.exitCode = 2;
