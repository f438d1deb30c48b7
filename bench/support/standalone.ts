/** Runs one benchmark as a script (`npx tsx bench/<name>.ts`): exit 0 when its goals are met. */
export function runStandalone(run: () => Promise<{ goalsMet: boolean }>): void {
  run().then(
    (r) => process.exit(r.goalsMet ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
