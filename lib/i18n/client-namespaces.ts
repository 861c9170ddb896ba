/**
 * The message namespaces client components read, per route group and per page. Only these are
 * serialized into a page (components/i18n/client-messages.tsx); server components translate on the
 * server and send text. A group's list serves its layout's client components; a page
 * whose own client components need more wraps its whole output in <ClientMessages area="<page>">,
 * which sends the group's list plus the page's. List pages so send no form texts: the KSC's account,
 * second-factor and ticket texts were ~14 KB of every Domainverwaltung view.
 * tests/unit/client-namespaces.test.ts walks the imports of every page and layout and fails when a
 * client component needs a namespace its group and page areas do not send.
 */
const SHELL = ["common"] as const;

const GROUPS = {
  // "refused": app/error.tsx, which shows the production server's refusals (lib/security/action-guard.mjs).
  root: ["common", "refused"],
  "(account)": [...SHELL, "password"],
  "(admin)": [...SHELL, "adminArea", "mfa", "orders"],
  "(auth)": [...SHELL, "login", "mfa", "password", "recovery", "robot"],
  "(ksc)": SHELL,
  "(mailadmin)": [...SHELL, "aliases", "mailAdmin", "orders", "password"],
  "(mailbox)": [...SHELL, "autoresponder", "mailboxRecovery", "mailboxSettings", "password"],
  "(panel)": SHELL,
  "(reseller)": SHELL,
  "(support)": SHELL,
} as const satisfies Record<string, readonly string[]>;

/** Pages that need more than their group sends, by route group and the page's folder. */
const PAGES = {
  "(account)/api-schluessel": ["apiKeys"],
  "(ksc)/account": ["account", "password", "recovery"],
  "(ksc)/security": ["mfa"],
  "(ksc)/stammdaten": ["stammdaten"],
  "(ksc)/support": ["tickets"],
  "(mailadmin)/konten": ["autoresponder"],
  "(panel)/forms": ["panel", "password"],
  "(panel)/autoresponder": ["autoresponder"],
  "(panel)/aliases": ["aliases"],
  "(reseller)/customers": ["customersAdmin", "orders"],
  "(reseller)/packages": ["orders", "panelKind", "tariffs"],
  "(reseller)/security": ["mfa"],
  "(support)/recovery": ["supportRecovery"],
  "(support)/security": ["mfa"],
  "(support)/tickets": ["tickets"],
} as const satisfies Record<string, readonly string[]>;

export const CLIENT_NAMESPACES = { ...GROUPS, ...PAGES } as const;

export type ClientArea = keyof typeof CLIENT_NAMESPACES;
export type ClientGroup = keyof typeof GROUPS;

/** What a provider for `area` sends: a page area adds its own namespaces to its group's. */
export function namespacesFor(area: ClientArea): readonly string[] {
  const group = area.startsWith("(") && area.includes("/") ? (area.slice(0, area.indexOf("/")) as ClientGroup) : undefined;
  return group ? [...new Set([...GROUPS[group], ...CLIENT_NAMESPACES[area]])] : CLIENT_NAMESPACES[area];
}
