import type { IncomingMessage } from "node:http";

export const SOCKET_ADDRESS_HEADER: string;
export const SOCKET_ADDRESS_MARK: unique symbol;
export function plainAddress(address: string | undefined): string;
export const FORWARD_TOKEN_HEADER: string;
export function applySocketAddress(req: IncomingMessage, forwardToken: string): void;
export function markSocketAddressHeader(): void;
