import type { IncomingMessage, ServerResponse } from "node:http";

/** See csp.mjs: Kontor's Content-Security-Policy for proxy.ts, next.config.ts and scripts/serve.mjs. */
export type CspOptions = { nonce?: string; isDev?: boolean };
export function buildCsp(options?: CspOptions): string;
export function createNonce(): string;
export const STATIC_PATH: RegExp;
export const VERIFIED_WITH: Record<string, string>;
export function applyCsp(req: IncomingMessage, res: ServerResponse): void;
