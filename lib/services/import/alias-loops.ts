/** An alias line of the file: its address and targets (already canonical). */
export type FileAlias = { line: number; address: string; targets: string[] };

/** A loop among the file's aliases: the line that closes it and the addresses around it, first one repeated. */
export type AliasLoop = { line: number; chain: string[] };

/**
 * Loops that only the file's own aliases make (a → b, b → a): the dry run checks each line against
 * the database, where none of them exists yet, so save-alias's loop check cannot see these. Existing
 * aliases cannot point at a new address, so a loop through them is impossible. Iterative depth-first
 * search (a 100,000-line file may hold long chains); each loop is reported once, at its last line.
 * `find` looks an alias up by address (the plan's on-disk store, lib/services/import/plan-keys.ts);
 * without it the aliases are held in a map.
 */
export function aliasLoops(aliases: Iterable<FileAlias>, find?: (address: string) => FileAlias | undefined): AliasLoop[] {
  const held = find ? null : new Map([...aliases].map((a) => [a.address, a]));
  const lookup = find ?? ((address: string) => held?.get(address));
  const state = new Map<string, "open" | "done">();
  const loops = new Map<string, AliasLoop>();
  for (const start of held ? held.values() : aliases) {
    if (state.has(start.address)) continue;
    // The path from `start` with, per node, the index of the next target to follow.
    const path: { alias: FileAlias; next: number }[] = [{ alias: start, next: 0 }];
    state.set(start.address, "open");
    while (path.length) {
      const top = path[path.length - 1];
      if (top.next >= top.alias.targets.length) {
        state.set(top.alias.address, "done");
        path.pop();
        continue;
      }
      const target = lookup(top.alias.targets[top.next++]);
      if (!target) continue;
      const seen = state.get(target.address);
      if (seen === "open") {
        const from = path.findIndex((p) => p.alias.address === target.address);
        const members = path.slice(from).map((p) => p.alias);
        const last = members.reduce((a, b) => (b.line > a.line ? b : a));
        const key = members
          .map((m) => m.line)
          .sort((a, b) => a - b)
          .join(",");
        // Read from the closing line: last → … → last.
        const at = members.indexOf(last);
        const ring = [...members.slice(at), ...members.slice(0, at)].map((m) => m.address);
        if (!loops.has(key)) loops.set(key, { line: last.line, chain: [...ring, last.address] });
      } else if (!seen) {
        state.set(target.address, "open");
        path.push({ alias: target, next: 0 });
      }
    }
  }
  return [...loops.values()].sort((a, b) => a.line - b.line);
}
