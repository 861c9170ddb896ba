/**
 * The message namespaces each route group's client components read. Only these are serialized into
 * a page (components/i18n/client-messages.tsx); server components translate on the server and send
 * text. Sending every namespace put ~49 KB of messages into each page. tests/unit/client-namespaces.test.ts
 * walks the imports of every route group and fails when a client component needs a namespace missing here.
 */
const SHELL = ["common", "language"] as const;

export const CLIENT_NAMESPACES = {
  root: ["common"],
  "(admin)": [...SHELL, "adminArea", "mfa", "orders"],
  "(auth)": [...SHELL, "login", "mfa", "password", "recovery", "robot"],
  "(ksc)": [...SHELL, "account", "mfa", "password", "recovery", "stammdaten", "tickets"],
  "(mailadmin)": [...SHELL, "mailAdmin", "orders", "password"],
  "(mailbox)": [...SHELL, "mailboxRecovery", "mailboxSettings", "password"],
  "(panel)": [...SHELL, "panel", "password"],
  "(reseller)": [...SHELL, "customersAdmin", "mfa", "orders", "panelKind", "tariffs"],
  "(support)": [...SHELL, "mfa", "supportRecovery", "tickets"],
} as const satisfies Record<string, readonly string[]>;

export type ClientArea = keyof typeof CLIENT_NAMESPACES;
