// `node --import` this file: at exit it prints the process's peak resident set size on stderr,
// so the benchmark can compare commands measured the same way.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
