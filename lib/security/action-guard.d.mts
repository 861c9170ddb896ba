import type { IncomingMessage, ServerResponse } from "node:http";

/** See action-guard.mjs: 4xx answers for server-action requests Next would answer with a 500. */
export const ACTION_BODY_LIMIT: number;
export function actionRefusal(req: IncomingMessage): { status: number; reason: "origin" | "tooLarge" | "badRequest" } | null;
export function requestLocale(req: IncomingMessage): "de" | "en" | "it";
export function refuseBadAction(req: IncomingMessage, res: ServerResponse): boolean;
export function isDecodablePlainReply(text: string): boolean;
export function guardAction(req: IncomingMessage, res: ServerResponse, next: () => unknown): void;
