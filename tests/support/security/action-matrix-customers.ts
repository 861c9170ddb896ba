import { KSC_ACCOUNT, KSC_SUPPORT, MAILADMIN, MAILBOX, type MatrixEntry, OWN, P0, PANEL, pair, stammdaten } from "./action-matrix-kit";

/** Matrix rows of the customer side: panel, mailbox user, E-Mail-Administration, KundenServiceCenter. */
export const CUSTOMER_SIDE_ACTIONS: Record<string, MatrixEntry> = {
  // CSV import into a subscription of the actor's scope; the matrix posts no file, so a valid call
  // ends at "choose a file" after the scope check, and a foreign subscription at 404.
  ["app/(ksc)/ksc/import/actions.ts#importAction"]: {
    roles: ["admin", "reseller", "customer"],
    valid: {
      role: "customer",
      fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, intent: "check" }),
      expect: "import.errors.fileMissing",
    },
    foreign: {
      customer: [(w) => ({ subscriptionId: `${w.a.subscriptionId}`, intent: "check" })],
      reseller: [(w) => ({ subscriptionId: `${w.a.subscriptionId}`, intent: "apply", checked: "" })],
    },
    noForeign: "the administration imports into every tenant",
  },
  // Cancel of an import job within the actor's scope; another tenant's job is 404.
  ["app/(ksc)/ksc/import/actions.ts#cancelImportAction"]: {
    roles: ["admin", "reseller", "customer"],
    valid: { role: "customer", fields: (w) => ({ jobId: `${w.b.importJobId}` }) },
    foreign: {
      customer: [(w) => ({ jobId: `${w.a.importJobId}` })],
      reseller: [(w) => ({ jobId: `${w.a.importJobId}` })],
    },
    noForeign: "the administration cancels every tenant's imports",
  },
  // Panel (Plesk skins): the customer's mailboxes, always reached through one of its subscriptions.
  [`${PANEL}#updateMailboxSettingsAction`]: {
    roles: ["customer"],
    valid: {
      role: "customer",
      fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.b.mailboxId}`, enabled: "on", quotaMb: "" }),
    },
    foreign: {
      customer: [
        (w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, quotaMb: "", ...pair }),
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, quotaMb: "1" }),
      ],
    },
  },
  [`${PANEL}#createMailboxAction`]: {
    roles: ["customer"],
    valid: {
      role: "customer",
      fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.b.domainId}`, localPart: "neu", quotaMb: "", ...pair }),
    },
    foreign: {
      customer: [
        (w) => ({ subscriptionId: `${w.a.subscriptionId}`, domainId: `${w.a.domainId}`, localPart: "dieb", quotaMb: "", ...pair }),
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.a.domainId}`, localPart: "dieb", quotaMb: "", ...pair }),
      ],
    },
  },
  [`${PANEL}#deleteMailboxesAction`]: {
    roles: ["customer"],
    valid: {
      role: "customer",
      fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxIds: `${w.b.mailboxId}`, confirmed: "yes" }),
    },
    foreign: {
      customer: [
        (w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxIds: `${w.a.mailboxId}`, confirmed: "yes" }),
        // One foreign id among own ones: all or nothing.
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxIds: [`${w.b.mailboxId}`, `${w.a.mailboxId}`], confirmed: "yes" }),
      ],
    },
    repeatable: ["mailboxIds"],
  },
  [`${PANEL}#setForwardingAction`]: {
    roles: ["customer"],
    valid: {
      role: "customer",
      fields: (w) => ({
        subscriptionId: `${w.b.subscriptionId}`,
        mailboxId: `${w.b.mailboxId}`,
        targets: "weiter@example.org",
        keepCopy: "on",
      }),
    },
    foreign: {
      customer: [
        (w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, targets: "dieb@example.org" }),
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.a.mailboxId}`, targets: "dieb@example.org" }),
      ],
    },
  },
  [`${PANEL}#setSpamFilterAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, mailboxId: `${w.b.mailboxId}`, enabled: "on" }) },
    foreign: { customer: [(w) => ({ subscriptionId: `${w.a.subscriptionId}`, mailboxId: `${w.a.mailboxId}` })] },
  },
  [`${PANEL}#setAutoresponderAction`]: {
    roles: ["customer"],
    valid: {
      role: "customer",
      fields: (w) => ({
        subscriptionId: `${w.b.subscriptionId}`,
        mailboxId: `${w.b.mailboxId}`,
        enabled: "on",
        body: "Weg.",
        intervalDays: "7",
      }),
    },
    foreign: {
      customer: [
        (w) => ({
          subscriptionId: `${w.a.subscriptionId}`,
          mailboxId: `${w.a.mailboxId}`,
          enabled: "on",
          body: "Dieb.",
          intervalDays: "7",
        }),
        (w) => ({
          subscriptionId: `${w.b.subscriptionId}`,
          mailboxId: `${w.a.mailboxId}`,
          enabled: "on",
          body: "Dieb.",
          intervalDays: "7",
        }),
      ],
    },
  },

  [`${PANEL}#saveAliasAction`]: {
    roles: ["customer"],
    valid: {
      role: "customer",
      fields: (w) => ({
        subscriptionId: `${w.b.subscriptionId}`,
        domainId: `${w.b.domainId}`,
        localPart: "neu",
        targets: "extern@example.org",
      }),
    },
    foreign: {
      customer: [
        (w) => ({ subscriptionId: `${w.a.subscriptionId}`, domainId: `${w.a.domainId}`, localPart: "dieb", targets: "dieb@example.org" }),
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.a.domainId}`, localPart: "dieb", targets: "dieb@example.org" }),
        (w) => ({
          subscriptionId: `${w.b.subscriptionId}`,
          aliasId: `${w.a.aliasId}`,
          domainId: `${w.b.domainId}`,
          localPart: "dieb",
          targets: "dieb@example.org",
        }),
      ],
    },
  },
  [`${PANEL}#deleteAliasAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, aliasId: `${w.b.aliasId}` }) },
    foreign: {
      customer: [
        (w) => ({ subscriptionId: `${w.a.subscriptionId}`, aliasId: `${w.a.aliasId}` }),
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, aliasId: `${w.a.aliasId}` }),
      ],
    },
  },
  [`${PANEL}#setCatchAllAction`]: {
    roles: ["customer"],
    valid: {
      role: "customer",
      fields: (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.b.domainId}`, mailboxId: `${w.b.mailboxId}` }),
    },
    foreign: {
      customer: [
        (w) => ({ subscriptionId: `${w.a.subscriptionId}`, domainId: `${w.a.domainId}`, mailboxId: `${w.a.mailboxId}` }),
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.a.domainId}`, mailboxId: "" }),
        // Another customer's mailbox as the catch-all of one's own domain.
        (w) => ({ subscriptionId: `${w.b.subscriptionId}`, domainId: `${w.b.domainId}`, mailboxId: `${w.a.mailboxId}` }),
      ],
    },
    refusals: ["errors.notFound", "errors.checkFields", "aliases.errors.catchAllOtherDomain"],
  },

  // Mailbox user's own settings.
  [`${MAILBOX}#changeMailboxPasswordAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: () => ({ currentPassword: P0, ...pair }) },
    noForeign: OWN,
  },
  [`${MAILBOX}#addForwardAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: () => ({ target: "extern@example.org" }) },
    noForeign: OWN,
  },
  [`${MAILBOX}#removeForwardAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: (w) => ({ id: `${w.b.forwardId}` }) },
    foreign: { mailbox: [(w) => ({ id: `${w.a.forwardId}` })] },
  },
  [`${MAILBOX}#setKeepCopyAction`]: { roles: ["mailbox"], valid: { role: "mailbox", fields: () => ({ keepCopy: "on" }) }, noForeign: OWN },
  [`${MAILBOX}#addSenderRuleAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: () => ({ kind: "allow", pattern: "@freund.example" }) },
    noForeign: OWN,
  },
  [`${MAILBOX}#removeSenderRuleAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: (w) => ({ id: `${w.b.senderRuleId}` }) },
    foreign: { mailbox: [(w) => ({ id: `${w.a.senderRuleId}` })] },
  },
  [`${MAILBOX}#setSpamSettingsAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: () => ({ enabled: "on", level: "3", action: "junk" }) },
    noForeign: OWN,
  },
  [`${MAILBOX}#setAutoresponderAction`]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: () => ({ enabled: "on", subject: "Urlaub", body: "Bin weg.", intervalDays: "7" }) },
    noForeign: OWN,
  },
  ["app/(mailbox)/mailbox/recovery/actions.ts#setRecoveryEmailAction"]: {
    roles: ["mailbox"],
    valid: { role: "mailbox", fields: () => ({ address: "privat@example.org", currentPassword: P0 }) },
    noForeign: OWN,
  },

  // E-Mail-Administration (`.001` of a customer with a package without panel).
  // The world's administrator has no pending change, so the forced-change path refuses it (the pending
  // case is in tests/unit/mail-accounts.test.ts and tests/e2e/reseller-mailadmin.test.ts).
  [`${MAILADMIN}#changePendingPasswordAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: () => pair, expect: "errors.forbidden" },
    noForeign: OWN,
  },
  [`${MAILADMIN}#createMailAccountAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: () => ({ quotaMb: "100", ...pair }) },
    noForeign: OWN,
  },
  [`${MAILADMIN}#saveMailAdminAliasAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ domainId: `${w.b.noPanelDomainId}`, localPart: "neu", targets: "extern@example.org" }) },
    foreign: {
      mailadmin: [
        (w) => ({ domainId: `${w.a.noPanelDomainId}`, localPart: "dieb", targets: "dieb@example.org" }),
        (w) => ({ domainId: `${w.b.domainId}`, localPart: "dieb", targets: "dieb@example.org" }),
        (w) => ({ aliasId: `${w.a.noPanelAliasId}`, domainId: `${w.b.noPanelDomainId}`, localPart: "dieb", targets: "dieb@example.org" }),
      ],
    },
  },
  [`${MAILADMIN}#deleteMailAdminAliasAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ aliasId: `${w.b.noPanelAliasId}` }) },
    foreign: { mailadmin: [(w) => ({ aliasId: `${w.a.noPanelAliasId}` })] },
  },
  [`${MAILADMIN}#setMailAdminCatchAllAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ domainId: `${w.b.noPanelDomainId}`, mailAccountId: `${w.b.accountId}` }) },
    foreign: {
      mailadmin: [
        (w) => ({ domainId: `${w.a.noPanelDomainId}`, mailAccountId: `${w.a.accountId}` }),
        (w) => ({ domainId: `${w.a.noPanelDomainId}`, mailAccountId: "" }),
        // Another customer's mail account as the catch-all of one's own domain.
        (w) => ({ domainId: `${w.b.noPanelDomainId}`, mailAccountId: `${w.a.accountId}` }),
      ],
    },
    refusals: ["errors.notFound", "errors.checkFields", "aliases.errors.catchAllUnknownAccount"],
  },
  [`${MAILADMIN}#setMailAccountAutoresponderAction`]: {
    roles: ["mailadmin"],
    valid: {
      role: "mailadmin",
      fields: (w) => ({ accountId: `${w.b.accountId}`, enabled: "on", subject: "Urlaub", body: "Bis bald.", intervalDays: "7" }),
    },
    foreign: {
      mailadmin: [(w) => ({ accountId: `${w.a.accountId}`, enabled: "on", subject: "Urlaub", body: "Bis bald.", intervalDays: "7" })],
    },
  },
  [`${MAILADMIN}#routeAddressAction`]: {
    roles: ["mailadmin"],
    valid: { role: "mailadmin", fields: (w) => ({ accountId: `${w.b.accountId}`, domainId: `${w.b.noPanelDomainId}`, localPart: "neu" }) },
    foreign: {
      mailadmin: [
        (w) => ({ accountId: `${w.a.accountId}`, domainId: `${w.b.noPanelDomainId}`, localPart: "dieb" }),
        (w) => ({ accountId: `${w.b.accountId}`, domainId: `${w.a.noPanelDomainId}`, localPart: "dieb" }),
      ],
    },
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
    protectedTargets: [
      { role: "mailadmin", fields: (w) => ({ accountId: `${w.b.adminAccountId}` }), refusals: ["mailAdmin.errors.cannotDeleteAdmin"] },
    ],
  },

  // KundenServiceCenter: the customer's own account and tickets.
  ["app/(ksc)/ksc/stammdaten/actions.ts#confirmStammdatenAction"]: {
    roles: ["customer"],
    valid: { role: "customer", fields: () => ({}) },
    noForeign: OWN,
  },
  [`${KSC_ACCOUNT}#reauthAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: () => ({ currentPassword: P0 }) },
    noForeign: OWN,
  },
  [`${KSC_ACCOUNT}#updateStammdatenAction`]: { roles: ["customer"], valid: { role: "customer", fields: () => stammdaten }, noForeign: OWN },
  [`${KSC_SUPPORT}#createTicketAction`]: {
    roles: ["customer"],
    valid: { role: "customer", fields: () => ({ category: "general", subject: "Frage", message: "Wie geht das?" }) },
    noForeign: OWN,
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
};
