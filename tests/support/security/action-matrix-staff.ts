import {
  customer,
  each,
  LOGIN,
  type MatrixEntry,
  MFA,
  OWN,
  P0,
  pair,
  pkg,
  PUBLIC,
  RESELLER_CUSTOMERS,
  RESELLER_PACKAGES,
  RESET,
  STAFF_WITH_FACTORS,
  SUPPORT_TICKETS,
  TOKEN,
} from "./action-matrix-kit";

/** Matrix rows of the hoster's side: reseller, support, administration, second factors, anonymous steps. */
export const STAFF_SIDE_ACTIONS: Record<string, MatrixEntry> = {
  // Reseller: its own packages, customers and their orders.
  [`${RESELLER_PACKAGES}#createPackageAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: () => ({ name: "Neu", ...pkg }) },
    noForeign: OWN,
  },
  [`${RESELLER_PACKAGES}#updatePackageAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ id: `${w.b.unusedPackageId}`, name: "Reserve 2", ...pkg }) },
    foreign: {
      reseller: [
        (w) => ({ id: `${w.a.unusedPackageId}`, name: "Gekapert", ...pkg }),
        (w) => ({ id: `${w.a.packageId}`, name: "Gekapert", ...pkg }),
      ],
    },
  },
  [`${RESELLER_PACKAGES}#deletePackageAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ id: `${w.b.unusedPackageId}` }) },
    foreign: { reseller: [(w) => ({ id: `${w.a.unusedPackageId}` })] },
  },
  [`${RESELLER_CUSTOMERS}#createCustomerAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: () => customer },
    noForeign: OWN,
  },
  [`${RESELLER_CUSTOMERS}#updateCustomerAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ id: `${w.b.customerId}`, ...customer }) },
    foreign: { reseller: [(w) => ({ id: `${w.a.customerId}`, ...customer })] },
  },
  [`${RESELLER_CUSTOMERS}#deleteCustomerAction`]: {
    roles: ["admin", "reseller"],
    valid: { role: "reseller", fields: (w) => ({ id: `${w.b.customerId}` }), expect: "customersAdmin.errors.hasSubscriptions" },
    foreign: { reseller: [(w) => ({ id: `${w.a.customerId}` })] },
    noForeign: "the administration deletes any tenant's customer by design (on the reseller's page)",
  },
  [`${RESELLER_CUSTOMERS}#endSubscriptionAction`]: {
    roles: ["admin", "reseller"],
    valid: { role: "reseller", fields: (w) => ({ subscriptionId: `${w.b.otherSubscriptionId}` }) },
    foreign: { reseller: [(w) => ({ subscriptionId: `${w.a.subscriptionId}` })] },
    noForeign: "the administration ends any tenant's subscription by design",
  },
  [`${RESELLER_CUSTOMERS}#orderPackageAction`]: {
    roles: ["reseller"],
    valid: {
      role: "reseller",
      fields: (w) => ({ customerId: `${w.b.customerId}`, packageId: `${w.b.unusedPackageId}`, domain: "neu-b.example" }),
    },
    foreign: {
      reseller: [
        (w) => ({ customerId: `${w.a.customerId}`, packageId: `${w.b.unusedPackageId}`, domain: "gekapert.example" }),
        (w) => ({ customerId: `${w.b.customerId}`, packageId: `${w.a.unusedPackageId}`, domain: "gekapert.example" }),
      ],
    },
  },
  [`${RESELLER_CUSTOMERS}#addDomainAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ subscriptionId: `${w.b.otherSubscriptionId}`, domain: "zusatz-b.example" }) },
    foreign: { reseller: [(w) => ({ subscriptionId: `${w.a.subscriptionId}`, domain: "gekapert.example" })] },
  },
  [`${RESELLER_CUSTOMERS}#moveDomainAction`]: {
    roles: ["reseller"],
    valid: { role: "reseller", fields: (w) => ({ domainId: `${w.b.domainId}`, targetSubscriptionId: `${w.b.otherSubscriptionId}` }) },
    foreign: {
      reseller: [
        (w) => ({ domainId: `${w.a.domainId}`, targetSubscriptionId: `${w.b.otherSubscriptionId}` }),
        (w) => ({ domainId: `${w.b.domainId}`, targetSubscriptionId: `${w.a.otherSubscriptionId}` }),
        (w) => ({ domainId: `${w.a.domainId}`, targetSubscriptionId: `${w.a.otherSubscriptionId}` }),
      ],
    },
  },

  // Support works the queue of every tenant; AC-08 keeps it out of everything else (see the role rows).
  [`${SUPPORT_TICKETS}#supportReplyAction`]: {
    roles: ["support"],
    valid: { role: "support", fields: (w) => ({ ticketId: `${w.a.ticketId}`, message: "Wir kümmern uns." }) },
    noForeign: "support answers every tenant's tickets by design",
  },
  [`${SUPPORT_TICKETS}#setTicketStatusAction`]: {
    roles: ["support"],
    valid: { role: "support", fields: (w) => ({ ticketId: `${w.a.ticketId}`, status: "in_progress" }) },
    noForeign: "support answers every tenant's tickets by design",
  },
  [`${SUPPORT_TICKETS}#generatePasswordAction`]: {
    roles: ["support"],
    valid: { role: "support", fields: (w) => ({ ticketId: `${w.a.ticketId}` }) },
    noForeign: "support answers every tenant's tickets by design",
  },
  ["app/(support)/support/recovery/actions.ts#sendRecoveryLinkAction"]: {
    roles: ["support"],
    valid: {
      role: "support",
      fields: (w) => ({
        kind: "mailbox",
        identifier: w.a.mailboxAddress,
        recipient: "new",
        newAddress: "neu@example.org",
        reason: "Identität am Telefon geprüft",
      }),
    },
    noForeign: "support recovers every tenant's accounts by design",
    // Staff accounts recover through the hoster, never through a support link.
    protectedTargets: [
      {
        role: "support",
        fields: () => ({
          kind: "user",
          identifier: "admin@kontor.example",
          recipient: "new",
          newAddress: "dieb@example.org",
          reason: "Identität am Telefon geprüft",
        }),
        refusals: ["errors.checkFields", "supportRecovery.notFound"],
      },
      {
        role: "support",
        fields: () => ({
          kind: "user",
          identifier: "reseller@kontor.example",
          recipient: "contact",
          reason: "Identität am Telefon geprüft",
        }),
        refusals: ["errors.checkFields", "supportRecovery.notFound"],
      },
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
    roles: ["admin"],
    valid: { role: "admin", fields: () => ({ requireClasses: "on" }) },
    noForeign: "installation-wide setting",
  },
  ["app/(admin)/admin/settings/actions.ts#updateServerSettingsAction"]: {
    roles: ["admin"],
    valid: {
      role: "admin",
      fields: () => ({
        imapHost: "imap.example.org",
        imapPort: "993",
        imapEncryption: "ssl",
        smtpHost: "smtp.example.org",
        smtpPort: "587",
        smtpEncryption: "starttls",
        publicUrl: "https://panel.example.org",
      }),
    },
    noForeign: "installation-wide setting",
  },
  ["app/(admin)/admin/resellers/actions.ts#createResellerAction"]: {
    roles: ["admin"],
    valid: { role: "admin", fields: () => ({ name: "Dritter Reseller", customerNumberBase: "30000", email: "dritter@example.org" }) },
    noForeign: "installation-wide",
  },

  ["app/(admin)/admin/resellers/actions.ts#updateResellerAction"]: {
    roles: ["admin"],
    valid: { role: "admin", fields: (w) => ({ id: `${w.b.resellerId}`, name: "Umbenannt", customerNumberBase: "770000" }) },
    noForeign: "installation-wide: the administration manages every reseller",
  },
  ["app/(admin)/admin/resellers/actions.ts#deleteResellerAction"]: {
    roles: ["admin"],
    valid: { role: "admin", fields: (w) => ({ id: `${w.b.resellerId}` }), expect: "adminArea.errors.hasCustomers" },
    noForeign: "installation-wide: the administration manages every reseller",
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
    roles: STAFF_WITH_FACTORS,
    valid: { role: "customer", fields: () => ({ response: JSON.stringify({ id: "x" }), label: "" }), expect: "mfa.keyFailed" },
    noForeign: OWN,
  },
  [`${MFA}#removeFactorAction`]: {
    roles: STAFF_WITH_FACTORS,
    valid: { role: "customer", fields: (w) => ({ factorId: `${w.b.factorId}`, password: P0 }) },
    foreign: each(STAFF_WITH_FACTORS, [(w) => ({ factorId: `${w.a.factorId}`, password: P0 })]),
  },
  [`${MFA}#regenerateCodesAction`]: {
    roles: STAFF_WITH_FACTORS,
    valid: { role: "customer", fields: () => ({ password: P0 }) },
    noForeign: OWN,
  },

  // Anonymous steps of login and recovery, and the session's own language and logout.
  [`${LOGIN}#loginAction`]: {
    roles: "anyone",
    valid: { role: "anonymous", fields: () => ({ identifier: "kunde3@kontor.example", password: P0, area: "ksc" }) },
    noForeign: PUBLIC,
  },
  [`${LOGIN}#secondFactorAction`]: {
    roles: "anyone",
    valid: { role: "anonymous", fields: () => ({ code: "123456" }), expect: "mfa.loginRestart" },
    noForeign: PUBLIC,
  },
  [`${LOGIN}#keyLoginOptionsAction`]: {
    roles: "anyone",
    valid: { role: "anonymous", fields: () => ({}), expect: "mfa.loginRestart" },
    noForeign: PUBLIC,
  },
  [`${LOGIN}#keyLoginAction`]: {
    roles: "anyone",
    valid: { role: "anonymous", fields: () => ({ response: JSON.stringify({ id: "x" }) }), expect: "mfa.loginRestart" },
    noForeign: PUBLIC,
  },
  ["app/(auth)/passwort-vergessen/actions.ts#requestResetAction"]: {
    roles: "anyone",
    valid: {
      role: "anonymous",
      fields: () => ({ identifier: "kunde3@kontor.example", area: "ksc", altcha: "bm90LWEtc29sdXRpb24=" }),
      expect: "robot.failed",
    },
    noForeign: PUBLIC,
  },
  [`${RESET}#confirmLinkAction`]: {
    roles: "anyone",
    valid: { role: "anonymous", fields: () => ({ token: TOKEN, altcha: "bm90LWEtc29sdXRpb24=" }), expect: "robot.failed" },
    noForeign: PUBLIC,
  },
  [`${RESET}#completeResetAction`]: {
    roles: "anyone",
    valid: { role: "anonymous", fields: () => ({ token: TOKEN, ...pair }), expect: "recovery.linkInvalid" },
    noForeign: PUBLIC,
  },
  // "Passwort ändern" from the user menu: every role, always the caller's own login.
  ["app/(account)/passwort/actions.ts#changeOwnPasswordAction"]: {
    roles: ["admin", "reseller", "customer", "support", "mailadmin", "mailbox"],
    valid: { role: "customer", fields: () => ({ currentPassword: P0, ...pair }) },
    noForeign: OWN,
  },
  // API keys: created and revoked only among the caller's own (matched on its user id; a foreign key's
  // id is NotFound like a missing one, tests/unit/api-keys.test.ts).
  ["app/(account)/api-schluessel/actions.ts#createApiKeyAction"]: {
    roles: ["admin", "reseller", "customer"],
    valid: { role: "customer", fields: () => ({ name: "Abrechnung", scopes: "tickets:read", expiresOn: "" }) },
    repeatable: ["scopes"],
    noForeign: OWN,
  },
  ["app/(account)/api-schluessel/actions.ts#revokeApiKeyAction"]: {
    roles: ["admin", "reseller", "customer"],
    valid: { role: "customer", fields: () => ({ keyId: "987654" }), expect: "errors.notFound" },
    noForeign: "the world has no API keys; foreign keys (other tenants, staff) are NotFound in tests/unit/api-keys-others.test.ts",
  },
  ["lib/actions/session-actions.ts#logoutAction"]: { roles: "anyone", valid: { role: "anonymous", fields: () => ({}) }, noForeign: PUBLIC },
  ["lib/actions/session-actions.ts#switchLocaleAction"]: {
    roles: "anyone",
    valid: { role: "anonymous", fields: () => ({ locale: "en" }) },
    noForeign: PUBLIC,
  },
};
