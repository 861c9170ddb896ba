import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { serveHashSlots } from "@/scripts/hash-slots-primary.mjs";

type Message = { kontorHash: string; id?: number };

/** A stand-in for node:cluster: workers that record what the primary sends them. */
function fakeCluster() {
  const cluster = new EventEmitter();
  const workers = new Map<number, { id: number; dead: boolean; got: number[]; send: (m: Message) => void; isDead: () => boolean }>();
  const worker = (id: number) => {
    if (!workers.has(id)) {
      const w = { id, dead: false, got: [] as number[], send: (m: Message) => void w.got.push(m.id as number), isDead: () => w.dead };
      workers.set(id, w);
    }
    return workers.get(id)!;
  };
  const acquire = (id: number, request: number) => cluster.emit("message", worker(id), { kontorHash: "acquire", id: request });
  const release = (id: number) => cluster.emit("message", worker(id), { kontorHash: "release" });
  const exit = (id: number) => {
    worker(id).dead = true;
    cluster.emit("exit", worker(id));
  };
  return { cluster, worker, acquire, release, exit };
}

describe("machine-wide hash slots in the primary process", () => {
  it("grants at most `slots` at once, in order of asking, and hands a released slot to the next", () => {
    const c = fakeCluster();
    serveHashSlots(c.cluster, 1);
    c.acquire(1, 10);
    c.acquire(2, 20);
    c.acquire(1, 11);
    expect([c.worker(1).got, c.worker(2).got]).toEqual([[10], []]);
    c.release(1);
    expect([c.worker(1).got, c.worker(2).got]).toEqual([[10], [20]]);
    c.release(2);
    expect(c.worker(1).got).toEqual([10, 11]);
  });

  it("ignores a release from a worker that holds nothing", () => {
    const c = fakeCluster();
    serveHashSlots(c.cluster, 1);
    c.acquire(1, 1);
    c.release(2);
    c.acquire(3, 2);
    expect(c.worker(3).got).toEqual([]);
  });

  it("takes back the slots of a worker that died and skips its waiting requests", () => {
    const c = fakeCluster();
    serveHashSlots(c.cluster, 2);
    c.acquire(1, 1);
    c.acquire(1, 2);
    c.acquire(2, 3);
    c.acquire(3, 4);
    c.exit(2);
    expect(c.worker(3).got).toEqual([]);
    c.exit(1);
    expect(c.worker(3).got).toEqual([4]);
    expect(c.worker(2).got).toEqual([]);
  });
});
