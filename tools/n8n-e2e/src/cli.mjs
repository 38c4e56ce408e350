// The command line of the entry points that take no options of their own: `--help` (or `-h`)
// prints their usage, anything else is refused with it (their settings are environment variables).
export function usageOrExit(usage) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage.trim());
    process.exit(0);
  }
  if (args.length > 0) {
    console.error(`unknown argument(s): ${args.join(' ')}\n\n${usage.trim()}`);
    process.exit(2);
  }
}
