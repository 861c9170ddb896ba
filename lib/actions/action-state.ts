export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string; data?: Record<string, string> }
  | { status: "error"; formError?: string; fieldErrors?: Record<string, string[]> };

export const IDLE: ActionState = { status: "idle" };
