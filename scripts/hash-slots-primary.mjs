/**
 * Cluster-wide argon2 slots: each worker asks before it hashes (lib/auth/hash-pool.ts), so at most
 * `slots` hashes run at once on the whole machine, each holding 19 MiB. A worker that dies gives its
 * slots back.
 */
export function serveHashSlots(cluster, slots) {
  let busy = 0;
  const waiting = [];
  const held = new Map();
  const grant = (worker, id) => {
    busy++;
    held.set(worker.id, (held.get(worker.id) ?? 0) + 1);
    worker.send({ kontorHash: "granted", id });
  };
  const release = (worker) => {
    if (!held.get(worker.id)) return;
    held.set(worker.id, held.get(worker.id) - 1);
    busy--;
    while (busy < slots && waiting.length) {
      const next = waiting.shift();
      if (!next.worker.isDead()) grant(next.worker, next.id);
    }
  };
  cluster.on("message", (worker, message) => {
    if (message?.kontorHash === "acquire") {
      if (busy < slots) grant(worker, message.id);
      else waiting.push({ worker, id: message.id });
    } else if (message?.kontorHash === "release") {
      release(worker);
    }
  });
  cluster.on("exit", (worker) => {
    for (let i = held.get(worker.id) ?? 0; i > 0; i--) release(worker);
    held.delete(worker.id);
  });
}
