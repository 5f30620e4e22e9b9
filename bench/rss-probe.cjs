// Loaded with `node --require` by the fleet bench: prints the process's peak resident memory at exit.
process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
