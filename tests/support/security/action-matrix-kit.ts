import { DEMO_PASSWORD } from "@/db/seed";
import type { Role } from "@/lib/authz/permissions";
import type { Fields } from "./harness";
import type { World } from "./world";

/** Types and shared inputs of the access-control matrix (action-matrix.ts explains the fields). */
export type Target = (w: World) => Fields;

export type MatrixEntry = {
  roles: readonly Role[] | "anyone";
  valid: { role: Role | "anonymous"; fields: Target; /** "success", or the message key the refusal shows. */ expect?: string };
  foreign?: Partial<Record<Role, Target[]>>;
  noForeign?: string;
  refusals?: string[];
  /** Fields that may legitimately repeat (multi-selects); every other field must refuse a second value. */
  repeatable?: string[];
  /** Records the product protects even from their owner (AC-04). */
  protectedTargets?: { role: Role; fields: Target; refusals: string[] }[];
};

export const P0 = DEMO_PASSWORD;
export const NEW = "Kornblume-Acker-Zweig-93";
export const pair = { newPassword: NEW, confirmPassword: NEW };
export const pkg = {
  panel: "plesk9",
  maxDomains: "2",
  maxMailboxes: "2",
  mailboxQuotaMb: "100",
  maxForwards: "2",
  spamFilterEnabled: "on",
  forwardingEnabled: "on",
};
export const customer = {
  company: "Neue GmbH",
  contactName: "Nina Neu",
  street: "Weg 1",
  postalCode: "12345",
  city: "Ort",
  country: "DE",
  phone: "+49 30 1",
  contactEmail: "nina@example.org",
};
export const stammdaten = {
  company: "Südwind Kunde GmbH",
  contactName: "Sara Wind",
  street: "Weg 2",
  postalCode: "12345",
  city: "Ort",
  phone: "+49 30 2",
  contactEmail: "sara@example.org",
};
export const TOKEN = "A".repeat(43);
export const STAFF_WITH_FACTORS: Role[] = ["admin", "reseller", "customer", "support"];
export const each = (roles: Role[], targets: Target[]) =>
  Object.fromEntries(roles.map((r) => [r, targets])) as Partial<Record<Role, Target[]>>;

export const PANEL = "app/(panel)/panel/[subscriptionId]/mail/actions.ts";
export const MAILBOX = "app/(mailbox)/mailbox/actions.ts";
export const MAILADMIN = "app/(mailadmin)/mailadmin/actions.ts";
export const RESELLER_CUSTOMERS = "app/(reseller)/reseller/customers/actions.ts";
export const RESELLER_PACKAGES = "app/(reseller)/reseller/packages/actions.ts";
export const KSC_ACCOUNT = "app/(ksc)/ksc/account/actions.ts";
export const KSC_SUPPORT = "app/(ksc)/ksc/support/actions.ts";
export const SUPPORT_TICKETS = "app/(support)/support/tickets/actions.ts";
export const MFA = "components/mfa/actions.ts";
export const LOGIN = "app/(auth)/login/actions.ts";
export const RESET = "app/(auth)/reset/actions.ts";

export const OWN = "acts only on the caller's own record; its id comes from the session, never from the form";
export const PUBLIC = "anonymous by design; it reads no tenant's record by id";
