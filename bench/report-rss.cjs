// Preloaded into a benchmarked child process (node -r): reports its peak memory on exit, so the
// benchmark measures the CLI as a user runs it without any external tool.
process.on("exit", () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS * 1024}\n`);
});
