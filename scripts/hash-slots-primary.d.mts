import type { EventEmitter } from "node:events";

/** See hash-slots-primary.mjs: machine-wide argon2 slots handed out by the cluster's primary. */
export function serveHashSlots(cluster: Pick<EventEmitter, "on">, slots: number): void;
