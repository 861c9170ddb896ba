export const LOGIN_AREAS = ["ksc", "mailadmin", "mailbox"] as const;
export type LoginArea = (typeof LOGIN_AREAS)[number];
