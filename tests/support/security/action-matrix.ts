import { DEMO_PASSWORD } from "@/db/seed";
import type { Role } from "@/lib/authz/permissions";
import type { Fields } from "./harness";
import type { World } from "./world";

/**
 * The access-control matrix of every server action (SECURITY.md AC-01, AC-02, AC-04, AC-05, AC-08).
 * tests/unit/security/action-matrix.test.ts fails when an action has no entry here.
 *
 * Per entry:
 * - `roles`: who may call it. Everyone else, anonymous included, gets `errors.forbidden`.
 * - `valid`: what an allowed role sends in normal use. Run on a copy of the database, it must succeed,
 *   or end in the named refusal that only a later step can give (proof that the input got past the schema).
 * - `foreign`: inputs with tenant A's ids, sent by each allowed role's tenant-B actor (world.ts). Each one must
 *   be refused with `errors.notFound` (or one of `refusals`), give the same answer when tenant A's ids are
 *   replaced by ids that exist nowhere, and change no row.
 * - `noForeign`: why allowed roles without `foreign` have nothing to aim at another tenant (the action
 *   only touches the caller's own records, or the role works across tenants by design).
 *
 * A refusal writes nothing, the audit log included: Kontor does not audit refused calls today
 * (AC-01 asks for it; see the report of issue 10). Counters of wrong passwords are the one write a
 * refusal may make, and no input here sends a wrong password.
 */
export type Target = (w: World) => Fields;

export type MatrixEntry = {
  roles: readonly Role[] | "anyone";
  valid: { role: Role | "anonymous"; fields: Target; expect?: "success" | string };
  foreign?: Partial<Record<Role, Target[]>>;
  noForeign?: string;
  refusals?: string[];
  /** Fields that may legitimately repeat (multi-selects); every other field must refuse a second value. */
  repeatable?: string[];
  /** Records the product protects even from their owner (AC-04). */
  protectedTargets?: { role: Role; fields: Target; refusals: string[] }[];
};

const P0 = DEMO_PASSWORD;
const NEW = "Kornblume-Acker-Zweig-93";
const pair = { newPassword: NEW, confirmPassword: NEW };
const pkg = { panel: "plesk9", maxDomains: "2", maxMailboxes: "2", mailboxQuotaMb: "100", maxForwards: "2", spamFilterEnabled: "on", forwardingEnabled: "on" };
const customer = { company: "Neue GmbH", contactName: "Nina Neu", street: "Weg 1", postalCode: "12345", city: "Ort", country: "DE", phone: "+49 30 1", contactEmail: "nina@example.org" };
const stammdaten = { company: "Südwind Kunde GmbH", contactName: "Sara Wind", street: "Weg 2", postalCode: "12345", city: "Ort", phone: "+49 30 2", contactEmail: "sara@example.org" };
const TOKEN = "A".repeat(43);
const STAFF_WITH_FACTORS: Role[] = ["admin", "reseller", "customer", "support"];
const each = (roles: Role[], targets: Target[]) => Object.fromEntries(roles.map((r) => [r, targets])) as Partial<Record<Role, Target[]>>;

const PANEL = "app/(panel)/panel/[subscriptionId]/mail/actions.ts";
const MAILBOX = "app/(mailbox)/mailbox/actions.ts";
const MAILADMIN = "app/(mailadmin)/mailadmin/actions.ts";
const RESELLER_CUSTOMERS = "app/(reseller)/reseller/customers/actions.ts";
const RESELLER_PACKAGES = "app/(reseller)/reseller/packages/actions.ts";
const KSC_ACCOUNT = "app/(ksc)/ksc/account/actions.ts";
const KSC_SUPPORT = "app/(ksc)/ksc/support/actions.ts";
const SUPPORT_TICKETS = "app/(support)/support/tickets/actions.ts";
const MFA = "components/mfa/actions.ts";
const LOGIN = "app/(auth)/login/actions.ts";
const RESET = "app/(auth)/reset/actions.ts";

const OWN = "acts only on the caller's own record; its id comes from the session, never from the form";
const PUBLIC = "anonymous by design; it reads no tenant's record by id";

export const ACTION_MATRIX: Record<string, MatrixEntry> = {
  // Panel (Plesk skins): the customer's mailboxes, always reached through one of its subscriptions.
  [`${PANEL}#updateMailboxSettingsAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.b.mailboxId}`, enabled: "on", quotaMb: "" }) },
    foreign: { customer: [
      (w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, quotaMb: "", ...pair }),
      (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, quotaMb: "1" }),
    ] },
  },
  [`${PANEL}#createMailboxAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.b.domainId}`, localPart: "neu", quotaMb: "", ...pair }) },
    foreign: { customer: [
      (w) => ({ subscriptionId: `${w.a.subscriptionId}`, domainId: `${w.a.domainId}`, localPart: "dieb", quotaMb: "", ...pair }),
      (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.a.domainId}`, localPart: "dieb", quotaMb: "", ...pair }),
    ] },
  },
  [`${PANEL}#deleteMailboxesAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxIds: `${w.b.mailboxId}`, confirmed: "yes" }) },
    foreign: { customer: [
      (w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxIds: `${w.a.mailboxId}`, confirmed: "yes" }),
      // One foreign id among own ones: all or nothing.
      (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxIds: [`${w.b.mailboxId}`, `${w.a.mailboxId}`], confirmed: "yes" }),
    ] },
    repeatable: ["mailboxIds"],
  },
  [`${PANEL}#setForwardingAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.b.mailboxId}`, targets: "weiter@example.org", keepCopy: "on" }) },
    foreign: { customer: [
      (w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, targets: "dieb@example.org" }),
      (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, targets: "dieb@example.org" }),
    ] },
  },
  [`${PANEL}#setSpamFilterAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.b.mailboxId}`, enabled: "on" }) },
    foreign: { customer: [(w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxId: `${w.a.mailboxId}` })] },
  },

  // Mailbox user's own settings.
  [`${MAILBOX}#changeMailboxPasswordAction`]: { roles: ["mailbox"], valid: { role: "mailbox", fields: () => ({ currentPassword: P0, ...pair }) }, noForeign: OWN },
  [`${MAILBOX}#addForwardAction`]: { roles: ["mailbox"], valid: { role: "mailbox", fields: () => ({ target: "extern@example.org" }) }, noForeign: OWN },
  [`${MAILBOX}#removeForwardAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: (w) => ({ id: `${w.b.forwardId}` }) },
    foreign: { mailbox: [(w) => ({ id: `${w.a.forwardId}` })] },
  },
  [`${MAILBOX}#setKeepCopyAction`]: { roles: ["mailbox"], valid: { role: "mailbox", fields: () => ({ keepCopy: "on" }) }, noForeign: OWN },
  [`${MAILBOX}#addSenderRuleAction`]: { roles: ["mailbox"], valid: { role: "mailbox", fields: () => ({ kind: "allow", pattern: "@freund.example" }) }, noForeign: OWN },
  [`${MAILBOX}#removeSenderRuleAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: (w) => ({ id: `${w.b.senderRuleId}` }) },
    foreign: { mailbox: [(w) => ({ id: `${w.a.senderRuleId}` })] },
  },
  [`${MAILBOX}#setSpamSettingsAction`]: { roles: ["mailbox"], valid: { role: "mailbox", fields: () => ({ enabled: "on", level: "3", action: "junk" }) }, noForeign: OWN },
  ["app/(mailbox)/mailbox/recovery/actions.ts#setRecoveryEmailAction"]: {
    roles: ["mailbox"], valid: { role: "mailbox", fields: () => ({ address: "privat@example.org", currentPassword: P0 }) }, noForeign: OWN,
  },

  // E-Mail-Administration (`.001` of a customer with a package without panel).
  [`${MAILADMIN}#changePendingPasswordAction`]: { roles: ["mailadmin"], valid: { role: "mailadmin", fields: () => pair }, noForeign: OWN },
  [`${MAILADMIN}#createMailAccountAction`]: { roles: ["mailadmin"], valid: { role: "mailadmin", fields: () => ({ quotaMb: "100", ...pair }) }, noForeign: OWN },
  [`${MAILADMIN}#routeAddressAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ accountId: `${w.b.accountId}`, domainId: `${w.b.noPanelDomainId}`, localPart: "neu" }) },
    foreign: { mailadmin: [
      (w) => ({ accountId: `${w.a.accountId}`, domainId: `${w.b.noPanelDomainId}`, localPart: "dieb" }),
      (w) => ({ accountId: `${w.b.accountId}`, domainId: `${w.a.noPanelDomainId}`, localPart: "dieb" }),
    ] },
    // A foreign or missing domain is simply not in the caller's list of domains.
    refusals: ["errors.checkFields", "mailAdmin.errors.domainNotAllowed"],
  },
  [`${MAILADMIN}#unrouteAddressAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ addressId: `${w.b.addressId}` }) },
    foreign: { mailadmin: [(w) => ({ addressId: `${w.a.addressId}` })] },
  },
  [`${MAILADMIN}#setMailAccountPasswordAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ accountId: `${w.b.accountId}`, ...pair }) },
    foreign: { mailadmin: [(w) => ({ accountId: `${w.a.accountId}`, ...pair }), (w) => ({ accountId: `${w.a.adminAccountId}`, ...pair })] },
  },
  [`${MAILADMIN}#setMailAccountQuotaAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ accountId: `${w.b.accountId}`, quotaMb: "100" }) },
    foreign: { mailadmin: [(w) => ({ accountId: `${w.a.accountId}`, quotaMb: "1" })] },
  },
  [`${MAILADMIN}#deleteMailAccountAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ accountId: `${w.b.accountId}` }) },
    foreign: { mailadmin: [(w) => ({ accountId: `${w.a.accountId}` }), (w) => ({ accountId: `${w.a.adminAccountId}` })] },
    protectedTargets: [{ role: "mailadmin", fields: (w) => ({ accountId: `${w.b.adminAccountId}` }), refusals: ["mailAdmin.errors.cannotDeleteAdmin"] }],
  },

  // Reseller: its own packages, customers and their orders.
  [`${RESELLER_PACKAGES}#createPackageAction`]: { roles: ["reseller"], valid: { role: "reseller", fields: () => ({ name: "Neu", ...pkg }) }, noForeign: OWN },
  [`${RESELLER_PACKAGES}#updatePackageAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ id: `${w.b.unusedPackageId}`, name: "Reserve 2", ...pkg }) },
    foreign: { reseller: [(w) => ({ id: `${w.a.unusedPackageId}`, name: "Gekapert", ...pkg }), (w) => ({ id: `${w.a.packageId}`, name: "Gekapert", ...pkg })] },
  },
  [`${RESELLER_PACKAGES}#deletePackageAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ id: `${w.b.unusedPackageId}` }) },
    foreign: { reseller: [(w) => ({ id: `${w.a.unusedPackageId}` })] },
  },
  [`${RESELLER_CUSTOMERS}#createCustomerAction`]: { roles: ["reseller"], valid: { role: "reseller", fields: () => customer }, noForeign: OWN },
  [`${RESELLER_CUSTOMERS}#updateCustomerAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ id: `${w.b.customerId}`, ...customer }) },
    foreign: { reseller: [(w) => ({ id: `${w.a.customerId}`, ...customer })] },
  },
  [`${RESELLER_CUSTOMERS}#orderPackageAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ customerId: `${w.b.customerId}`, packageId: `${w.b.unusedPackageId}`, domain: "neu-b.example" }) },
    foreign: { reseller: [
      (w) => ({ customerId: `${w.a.customerId}`, packageId: `${w.b.unusedPackageId}`, domain: "gekapert.example" }),
      (w) => ({ customerId: `${w.b.customerId}`, packageId: `${w.a.unusedPackageId}`, domain: "gekapert.example" }),
    ] },
  },
  [`${RESELLER_CUSTOMERS}#addDomainAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ subscriptionId: `${w.b.otherSubscriptionId}`, domain: "zusatz-b.example" }) },
    foreign: { reseller: [(w) => ({ subscriptionId: `${w.a.subscriptionId}`, domain: "gekapert.example" })] },
  },
  [`${RESELLER_CUSTOMERS}#moveDomainAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ domainId: `${w.b.domainId}`, targetSubscriptionId: `${w.b.otherSubscriptionId}` }) },
    foreign: { reseller: [
      (w) => ({ domainId: `${w.a.domainId}`, targetSubscriptionId: `${w.b.otherSubscriptionId}` }),
      (w) => ({ domainId: `${w.b.domainId}`, targetSubscriptionId: `${w.a.otherSubscriptionId}` }),
      (w) => ({ domainId: `${w.a.domainId}`, targetSubscriptionId: `${w.a.otherSubscriptionId}` }),
    ] },
  },

  // KundenServiceCenter: the customer's own account and tickets.
  ["app/(ksc)/ksc/stammdaten/actions.ts#confirmStammdatenAction"]: { roles: ["customer"], valid: { role: "customer", fields: () => ({}) }, noForeign: OWN },
  [`${KSC_ACCOUNT}#reauthAction`]: { roles: ["customer"], valid: { role: "customer", fields: () => ({ currentPassword: P0 }) }, noForeign: OWN },
  [`${KSC_ACCOUNT}#updateStammdatenAction`]: { roles: ["customer"], valid: { role: "customer", fields: () => stammdaten }, noForeign: OWN },
  [`${KSC_ACCOUNT}#changeAccountPasswordAction`]: { roles: ["customer"], valid: { role: "customer", fields: () => pair }, noForeign: OWN },
  [`${KSC_SUPPORT}#createTicketAction`]: {
    roles: ["customer"], valid: { role: "customer", fields: () => ({ category: "general", subject: "Frage", message: "Wie geht das?" }) }, noForeign: OWN,
  },
  [`${KSC_SUPPORT}#customerReplyAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ ticketId: `${w.b.ticketId}`, message: "Danke" }) },
    foreign: { customer: [(w) => ({ ticketId: `${w.a.ticketId}`, message: "Eingeschleust" })] },
  },
  [`${KSC_SUPPORT}#revealPasswordAction`]: {
    roles: ["customer"],
    // No password was generated on the own ticket yet: the refusal proves the input passed the schema.
    valid: { role: "customer", fields: (w) => ({ ticketId: `${w.b.ticketId}` }), expect: "tickets.passwordGone" },
    foreign: { customer: [(w) => ({ ticketId: `${w.a.ticketId}` })] },
  },

  // Support works the queue of every tenant; AC-08 keeps it out of everything else (see the role rows).
  [`${SUPPORT_TICKETS}#supportReplyAction`]: {
    roles: ["support"], valid: { role: "support", fields: (w) => ({ ticketId: `${w.a.ticketId}`, message: "Wir kümmern uns." }) },
    noForeign: "support answers every tenant's tickets by design",
  },
  [`${SUPPORT_TICKETS}#setTicketStatusAction`]: {
    roles: ["support"], valid: { role: "support", fields: (w) => ({ ticketId: `${w.a.ticketId}`, status: "in_progress" }) },
    noForeign: "support answers every tenant's tickets by design",
  },
  [`${SUPPORT_TICKETS}#generatePasswordAction`]: {
    roles: ["support"], valid: { role: "support", fields: (w) => ({ ticketId: `${w.a.ticketId}` }) },
    noForeign: "support answers every tenant's tickets by design",
  },
  ["app/(support)/support/recovery/actions.ts#sendRecoveryLinkAction"]: {
    roles: ["support"],
    valid: { role: "support", fields: (w) => ({ kind: "mailbox", identifier: w.a.mailboxAddress, recipient: "new", newAddress: "neu@example.org", reason: "Identität am Telefon geprüft" }) },
    noForeign: "support recovers every tenant's accounts by design",
    // Staff accounts recover through the hoster, never through a support link.
    protectedTargets: [
      { role: "support", fields: () => ({ kind: "user", identifier: "admin@kontor.example", recipient: "new", newAddress: "dieb@example.org", reason: "Identität am Telefon geprüft" }), refusals: ["errors.checkFields", "supportRecovery.notFound"] },
      { role: "support", fields: () => ({ kind: "user", identifier: "reseller@kontor.example", recipient: "contact", reason: "Identität am Telefon geprüft" }), refusals: ["errors.checkFields", "supportRecovery.notFound"] },
    ],
  },

  // Administration.
  ["app/(admin)/admin/mfa/actions.ts#resetSecondFactorAction"]: {
    roles: ["admin"],
    valid: { role: "admin", fields: (w) => ({ userId: `${w.a.customerUserId}` }) },
    // Only customer accounts: a staff account's second factor cannot be removed this way.
    foreign: { admin: [(w) => ({ userId: `${w.staff.supportUserId}` }), (w) => ({ userId: `${w.staff.resellerUserId}` })] },
  },
  ["app/(admin)/admin/settings/actions.ts#updatePasswordPolicyAction"]: {
    roles: ["admin"], valid: { role: "admin", fields: () => ({ requireClasses: "on" }) }, noForeign: "installation-wide setting",
  },
  ["app/(admin)/admin/settings/actions.ts#updateServerSettingsAction"]: {
    roles: ["admin"],
    valid: { role: "admin", fields: () => ({ imapHost: "imap.example.org", imapPort: "993", imapEncryption: "ssl", smtpHost: "smtp.example.org", smtpPort: "587", smtpEncryption: "starttls", publicUrl: "https://panel.example.org" }) },
    noForeign: "installation-wide setting",
  },
  ["app/(admin)/admin/resellers/actions.ts#createResellerAction"]: {
    roles: ["admin"], valid: { role: "admin", fields: () => ({ name: "Dritter Reseller", customerNumberBase: "30000", email: "dritter@example.org" }) }, noForeign: "installation-wide",
  },

  // Second factors of KundenServiceCenter accounts (staff and customers).
  [`${MFA}#startTotpAction`]: { roles: STAFF_WITH_FACTORS, valid: { role: "customer", fields: () => ({ password: P0 }) }, noForeign: OWN },
  [`${MFA}#confirmTotpAction`]: {
    roles: STAFF_WITH_FACTORS,
    valid: { role: "customer", fields: (w) => ({ factorId: `${w.b.factorId}`, code: "123456", label: "" }), expect: "mfa.codeWrong" },
    foreign: each(STAFF_WITH_FACTORS, [(w) => ({ factorId: `${w.a.factorId}`, code: "123456", label: "" })]),
    refusals: ["errors.checkFields", "mfa.codeWrong"],
  },
  [`${MFA}#keyOptionsAction`]: { roles: STAFF_WITH_FACTORS, valid: { role: "customer", fields: () => ({ password: P0 }) }, noForeign: OWN },
  [`${MFA}#finishKeyAction`]: {
    roles: STAFF_WITH_FACTORS, valid: { role: "customer", fields: () => ({ response: JSON.stringify({ id: "x" }), label: "" }), expect: "mfa.keyFailed" }, noForeign: OWN,
  },
  [`${MFA}#removeFactorAction`]: {
    roles: STAFF_WITH_FACTORS,
    valid: { role: "customer", fields: (w) => ({ factorId: `${w.b.factorId}`, password: P0 }) },
    foreign: each(STAFF_WITH_FACTORS, [(w) => ({ factorId: `${w.a.factorId}`, password: P0 })]),
  },
  [`${MFA}#regenerateCodesAction`]: { roles: STAFF_WITH_FACTORS, valid: { role: "customer", fields: () => ({ password: P0 }) }, noForeign: OWN },

  // Anonymous steps of login and recovery, and the session's own language and logout.
  [`${LOGIN}#loginAction`]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({ identifier: "kunde3@kontor.example", password: P0, area: "ksc" }) }, noForeign: PUBLIC },
  [`${LOGIN}#secondFactorAction`]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({ code: "123456" }), expect: "mfa.loginRestart" }, noForeign: PUBLIC },
  [`${LOGIN}#keyLoginOptionsAction`]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({}), expect: "mfa.loginRestart" }, noForeign: PUBLIC },
  [`${LOGIN}#keyLoginAction`]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({ response: JSON.stringify({ id: "x" }) }), expect: "mfa.loginRestart" }, noForeign: PUBLIC },
  ["app/(auth)/passwort-vergessen/actions.ts#requestResetAction"]: {
    roles: "anyone", valid: { role: "anonymous", fields: () => ({ identifier: "kunde3@kontor.example", area: "ksc", altcha: "bm90LWEtc29sdXRpb24=" }), expect: "robot.failed" }, noForeign: PUBLIC,
  },
  [`${RESET}#confirmLinkAction`]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({ token: TOKEN, altcha: "bm90LWEtc29sdXRpb24=" }), expect: "robot.failed" }, noForeign: PUBLIC },
  [`${RESET}#completeResetAction`]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({ token: TOKEN, ...pair }), expect: "recovery.linkInvalid" }, noForeign: PUBLIC },
  ["lib/actions/session-actions.ts#logoutAction"]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({}) }, noForeign: PUBLIC },
  ["lib/actions/session-actions.ts#switchLocaleAction"]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({ locale: "en" }) }, noForeign: PUBLIC },
};

/** Extra fields an attacker adds to a form (AC-05); each must be refused by the strict schemas. */
export const MASS_ASSIGNMENT_FIELDS = ["role", "resellerId", "customerId", "tenantId", "userId", "isProtected", "passwordHash", "totpSecret", "createdBy", "quota", "domainId", "mailboxId", "id", "constructor"];

/** An id no table reaches in the world (AC-01: missing and foreign must look the same). */
export const MISSING_ID = "987654";
