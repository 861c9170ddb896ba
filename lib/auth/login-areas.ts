export const LOGIN_AREAS = ["ksc", "mailadmin", "mailbox"] as const;
export type LoginArea = (typeof LOGIN_AREAS)[number];

/** For values read back from storage (audit details), which are plain strings there. */
export const isLoginArea = (value: unknown): value is LoginArea => (LOGIN_AREAS as readonly unknown[]).includes(value);
