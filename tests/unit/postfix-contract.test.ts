import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { domains, mailAccounts, mailboxes } from "@/db/schema";
import { renderPostfixConfig } from "@/lib/mail/postfix-config";
import { CATCH_ALL_LOCAL_PART, POSTFIX_TABLES, type PostfixTable } from "@/lib/mail/postfix-contract";
import { USERDB_VIEW } from "@/lib/mail/dovecot-contract";
import { aCustomerWithMailRoutes, emptyDb } from "../support/factories";
import { firstRow } from "@/db/rows";

/** alpenblick.example (info, anna, alias kontakt → info) and dorfladen.example (`.001`, `.002` with konto2@). */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let admin: string;
let account2: string;
beforeAll(async () => {
  handle = await emptyDb();
  const world = await aCustomerWithMailRoutes(handle.db);
  [admin, account2] = [world.admin.login, world.account2.login];
});

// Postfix substitutes the SQL-quoted key for every '%s'; a named bound parameter is the same for these tests.
const bound = (t: PostfixTable) => t.query.replaceAll("'%s'", "$key");
const lookup = (t: PostfixTable, key: string) => handle.sqlite.prepare(bound(t)).pluck().get({ key }) as string | undefined;
const lookupAll = (t: PostfixTable, key: string) => handle.sqlite.prepare(bound(t)).pluck().all({ key }) as string[];

describe("Postfix lookup tables over Kontor's schema", () => {
  it("knows every domain and nothing else", () => {
    expect(lookup(POSTFIX_TABLES.domains, "alpenblick.example")).toBe("alpenblick.example");
    expect(lookup(POSTFIX_TABLES.domains, "dorfladen.example")).toBe("dorfladen.example");
    expect(lookup(POSTFIX_TABLES.domains, "foreign.example")).toBeUndefined();
  });

  it("lists enabled mailboxes and routed addresses as recipients, switched-off ones only as disabled", async () => {
    const { recipients, disabled } = POSTFIX_TABLES;
    expect(lookup(recipients, "info@alpenblick.example")).toBe("info@alpenblick.example");
    expect(lookup(recipients, "konto2@dorfladen.example")).toBe("konto2@dorfladen.example");
    expect(lookup(recipients, "nobody@alpenblick.example")).toBeUndefined();
    // A mail account's login is no address: mail to it is not accepted.
    expect(lookup(recipients, admin)).toBeUndefined();
    expect(lookup(disabled, "anna@alpenblick.example")).toBeUndefined();

    await handle.db.update(mailboxes).set({ enabled: false }).where(eq(mailboxes.address, "anna@alpenblick.example"));
    await handle.db.update(mailAccounts).set({ enabled: false }).where(eq(mailAccounts.login, account2));
    try {
      expect(lookup(recipients, "anna@alpenblick.example")).toBeUndefined();
      expect(lookup(disabled, "anna@alpenblick.example")).toBe("anna@alpenblick.example");
      expect(lookup(recipients, "konto2@dorfladen.example")).toBeUndefined();
      expect(lookup(disabled, "konto2@dorfladen.example")).toBe("konto2@dorfladen.example");
    } finally {
      await handle.db.update(mailboxes).set({ enabled: true }).where(eq(mailboxes.address, "anna@alpenblick.example"));
      await handle.db.update(mailAccounts).set({ enabled: true }).where(eq(mailAccounts.login, account2));
    }
  });

  it("maps every recipient to itself and an alias to each target; a catch-all only with an enabled mailbox", async () => {
    const { virtual, catchall } = POSTFIX_TABLES;
    expect(lookupAll(virtual, "info@alpenblick.example")).toEqual(["info@alpenblick.example"]);
    expect(lookupAll(virtual, "kontakt@alpenblick.example")).toEqual(["info@alpenblick.example"]);
    expect(lookupAll(virtual, "nobody@alpenblick.example")).toEqual([]);
    expect(lookup(catchall, "@alpenblick.example")).toBeUndefined();
    const anna = (await firstRow(handle.db.select().from(mailboxes).where(eq(mailboxes.address, "anna@alpenblick.example"))))!;
    await handle.db.update(domains).set({ catchAllMailboxId: anna.id }).where(eq(domains.id, anna.domainId));
    try {
      expect(lookup(catchall, "@alpenblick.example")).toBe("anna@alpenblick.example");
      // Only Postfix's last lookup ("@domain") reaches the catch-all: "name+tag@domain" and
      // "name@domain" (sub-addressing) must first find the mailbox or alias they name.
      expect(lookup(catchall, "nobody@alpenblick.example")).toBeUndefined();
      expect(lookup(catchall, "info+news@alpenblick.example")).toBeUndefined();
      await handle.db.update(mailboxes).set({ enabled: false }).where(eq(mailboxes.id, anna.id));
      expect(lookup(catchall, "@alpenblick.example")).toBeUndefined();
    } finally {
      await handle.db.update(mailboxes).set({ enabled: true }).where(eq(mailboxes.id, anna.id));
      await handle.db.update(domains).set({ catchAllMailboxId: null }).where(eq(domains.id, anna.domainId));
    }
  });

  it("sends a domain's unknown addresses to a mail account through its catch-all address, only while the account is on", async () => {
    const { recipients, virtual, catchall } = POSTFIX_TABLES;
    const address = `${CATCH_ALL_LOCAL_PART}@dorfladen.example`;
    const userdb = (user: string) => handle.sqlite.prepare(`SELECT login FROM ${USERDB_VIEW} WHERE user = ?`).pluck().all(user) as string[];
    expect(lookup(recipients, address)).toBeUndefined();
    expect(userdb(address)).toEqual([]);
    const account = (await firstRow(handle.db.select().from(mailAccounts).where(eq(mailAccounts.login, account2))))!;
    const domain = (await firstRow(handle.db.select().from(domains).where(eq(domains.name, "dorfladen.example"))))!;
    await handle.db.update(domains).set({ catchAllMailAccountId: account.id }).where(eq(domains.id, domain.id));
    try {
      expect(lookup(catchall, "@dorfladen.example")).toBe(address);
      expect(lookup(recipients, address)).toBe(address);
      // Postfix stops resolving at an address that maps to itself; Dovecot delivers it into the account.
      expect(lookupAll(virtual, address)).toEqual([address]);
      expect(userdb(address)).toEqual([account2]);
      // Another domain of the customer keeps refusing.
      expect(lookup(catchall, "@alpenblick.example")).toBeUndefined();
      await handle.db.update(mailAccounts).set({ enabled: false }).where(eq(mailAccounts.id, account.id));
      expect(lookup(catchall, "@dorfladen.example")).toBeUndefined();
      expect(lookup(recipients, address)).toBeUndefined();
      expect(userdb(address)).toEqual([]);
    } finally {
      await handle.db.update(mailAccounts).set({ enabled: true }).where(eq(mailAccounts.id, account.id));
      await handle.db.update(domains).set({ catchAllMailAccountId: null }).where(eq(domains.id, domain.id));
    }
  });

  it("answers every lookup through an index, never by scanning a table", () => {
    for (const t of Object.values(POSTFIX_TABLES)) {
      const plan = (handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${bound(t)}`).all({ key: "x@y.example" }) as { detail: string }[]).map(
        (r) => r.detail,
      );
      // The outer SCAN of a view walks its co-routine's already filtered rows.
      expect(
        plan.filter((d) => /^SCAN /.test(d) && !/^SCAN postfix_/.test(d)),
        t.name,
      ).toEqual([]);
    }
  });
});

describe("renderPostfixConfig", () => {
  const base = {
    dbPath: "/srv/kontor/kontor.db",
    dir: "/srv/kontor/postfix",
    smtpPort: 2525,
    lmtpPort: 2424,
    relayhost: "[127.0.0.1]:2626",
  };

  it("listens on loopback only, reads every table through proxymap and delivers over LMTP", () => {
    const { main, master, tables } = renderPostfixConfig(base);
    expect(main).toMatch(/^inet_interfaces = 127\.0\.0\.1$/m);
    expect(master).toMatch(/^127\.0\.0\.1:2525 inet /m);
    expect(main).toMatch(/^virtual_transport = lmtp:inet:127\.0\.0\.1:2424$/m);
    expect(main).toMatch(/^relayhost = \[127\.0\.0\.1\]:2626$/m);
    for (const name of Object.keys(tables)) expect(main).toContain(`proxy:sqlite:/srv/kontor/postfix/conf/${name}`);
    expect(tables["sqlite-disabled.cf"]).toMatch(/^result_format = 550 5\.2\.1 /m);
    expect(tables["sqlite-recipients.cf"]).toMatch(/^dbpath = \/srv\/kontor\/kontor\.db$/m);
  });

  it("relays only on the internal listener, asks Dovecot's quota-status at RCPT, and never permits mynetworks on the public port", () => {
    const { main, master } = renderPostfixConfig({ ...base, internalPort: 2527, quotaStatusPort: 2426 });
    expect(main).toMatch(/^smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination$/m);
    const recipient = /^smtpd_recipient_restrictions =\n((?: .*\n?)*)/m.exec(main)?.[1] ?? "";
    expect(recipient).toContain("check_policy_service inet:127.0.0.1:2426");
    expect(recipient).not.toContain("permit_mynetworks");
    expect(master).toMatch(
      /^127\.0\.0\.1:2527 inet .*smtpd\n {2}-o syslog_name=postfix\/internal\n {2}-o smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination$/m,
    );
    expect(() => renderPostfixConfig({ ...base, internalPort: 2525 })).toThrow(/internalPort/);
  });

  it("keeps Postfix's refusal slow-down in production only", () => {
    expect(renderPostfixConfig(base).main).toMatch(/^smtpd_error_sleep_time = 0$/m);
    expect(renderPostfixConfig({ ...base, production: true }).main).not.toMatch(/smtpd_error_sleep_time/);
  });

  it("refuses values that could smuggle settings into main.cf", () => {
    expect(() => renderPostfixConfig({ ...base, relayhost: "[x]:25\nmynetworks = 0.0.0.0/0" })).toThrow(/relayhost/);
    expect(() => renderPostfixConfig({ ...base, dir: "/srv/kon tor" })).toThrow(/dir/);
    expect(() => renderPostfixConfig({ ...base, hostname: "bad host" })).toThrow(/hostname/);
    expect(() => renderPostfixConfig({ ...base, smtpPort: 70000 })).toThrow(/port/);
    expect(renderPostfixConfig({ ...base, relayhost: "" }).main).toMatch(/^relayhost = $/m);
  });
});
