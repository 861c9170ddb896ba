import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { forwards, packages, spamSettings, subscriptions } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { listSubscriptionMailboxes } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { setForwarding } from "@/lib/services/mailboxes/set-forwarding";
import { setSpamFilter } from "@/lib/services/mailboxes/set-spam-filter";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { canonicalDomain } from "@/lib/validation/names";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { fieldErrorsOf } from "../support/field-errors";
import { aCustomerWithPanelPackages, emptyDb } from "../support/factories";
import { NEW_PASSWORD, panelFixtures } from "./panel-fixtures";
import { firstRow } from "@/db/rows";

let h: Awaited<ReturnType<typeof emptyDb>>;
let f: Awaited<ReturnType<typeof panelFixtures>>;
const ip = { ip: "192.0.2.1" };
const KUNDE = "kunde@test.example";

/** Each test starts from its own customer with the three panel packages of the demo's K10001. */
beforeEach(async () => {
  h = await emptyDb();
  f = panelFixtures(h.db);
  await aCustomerWithPanelPackages(h.db, { contactEmail: KUNDE });
});

describe("createMailbox", () => {
  it("creates a mailbox with its spam settings, counts it on the domain and audits it", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("alpenblick.example");
    const created = await createMailbox(
      kunde,
      {
        subscriptionId: d.subscriptionId,
        domainId: d.id,
        localPart: "neu",
        quotaMb: 512,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
      ip,
      h.db,
    );
    expect(created?.address).toBe("neu@alpenblick.example");
    const row = await f.mailbox("neu@alpenblick.example");
    expect(row?.quotaMb).toBe(512);
    expect(await verifyPassword(row?.passwordHash ?? "", NEW_PASSWORD)).toBe(true);
    expect(
      await firstRow(
        h.db
          .select()
          .from(spamSettings)
          .where(eq(spamSettings.mailboxId, row?.id ?? 0)),
      ),
    ).toBeTruthy();
    expect((await f.domain("alpenblick.example")).mailboxCount).toBe(d.mailboxCount + 1);
    expect(await f.auditCount("mailbox.create", "neu@alpenblick.example")).toBe(1);
  });

  it("uses the package maximum when the quota is left empty", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("bergsee.example");
    await createMailbox(
      kunde,
      {
        subscriptionId: d.subscriptionId,
        domainId: d.id,
        localPart: "leer",
        quotaMb: null,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
      ip,
      h.db,
    );
    expect((await f.mailbox("leer@bergsee.example"))?.quotaMb).toBe(2048);
  });

  it("refuses a weak password, a too large quota and a taken address, all at once, and writes nothing", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("alpenblick.example");
    const errors = await fieldErrorsOf(
      async () =>
        await createMailbox(
          kunde,
          {
            subscriptionId: d.subscriptionId,
            domainId: d.id,
            localPart: "info",
            quotaMb: 99999,
            newPassword: "kurz",
            confirmPassword: "kurz",
          },
          ip,
          h.db,
        ),
    );
    expect(errors.newPassword).toContain("password.errors.tooShort");
    expect(errors.quotaMb).toEqual([{ key: "panel.errors.quotaTooLarge", values: { max: 1024 } }]);
    expect(errors.localPart).toEqual(["panel.errors.addressTaken"]);
    expect((await f.domain("alpenblick.example")).mailboxCount).toBe(d.mailboxCount);
  });

  it("refuses a password containing the local part", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("alpenblick.example");
    const errors = await fieldErrorsOf(
      async () =>
        await createMailbox(
          kunde,
          {
            subscriptionId: d.subscriptionId,
            domainId: d.id,
            localPart: "hubertus",
            quotaMb: null,
            newPassword: "Hubertus-Garten-Laube-1",
            confirmPassword: "Hubertus-Garten-Laube-1",
          },
          ip,
          h.db,
        ),
    );
    expect(errors.newPassword).toContain("password.errors.containsName");
    expect(await f.mailbox("hubertus@alpenblick.example")).toBeUndefined();
  });

  it("stops at the package's mailbox limit", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("bergsee.example");
    const sub = await firstRow(h.db.select().from(subscriptions).where(eq(subscriptions.id, d.subscriptionId)));
    const total = (await getSubscriptionForCustomer(kunde, d.subscriptionId, h.db)).mailboxTotal;
    await h.db
      .update(packages)
      .set({ maxMailboxes: total })
      .where(eq(packages.id, sub?.packageId ?? 0));
    try {
      const errors = await fieldErrorsOf(
        async () =>
          await createMailbox(
            kunde,
            {
              subscriptionId: d.subscriptionId,
              domainId: d.id,
              localPart: "zuviel",
              quotaMb: null,
              newPassword: NEW_PASSWORD,
              confirmPassword: NEW_PASSWORD,
            },
            ip,
            h.db,
          ),
      );
      expect(errors._form).toEqual(["panel.errors.mailboxLimit"]);
      expect(await f.mailbox("zuviel@bergsee.example")).toBeUndefined();
    } finally {
      await h.db
        .update(packages)
        .set({ maxMailboxes: 50 })
        .where(eq(packages.id, sub?.packageId ?? 0));
    }
  });
});

describe("updateMailboxSettings", () => {
  it("sets the password through setPassword: new hash, sessions ended, audited", async () => {
    const kunde = await f.actorFor(KUNDE);
    const before = await f.mailbox("anna@alpenblick.example");
    const d = await f.domain("alpenblick.example");
    const result = await updateMailboxSettings(
      kunde,
      {
        subscriptionId: d.subscriptionId,
        mailboxId: before?.id ?? 0,
        enabled: true,
        quotaMb: before?.quotaMb ?? null,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
      ip,
      h.db,
    );
    expect(result.passwordChanged).toBe(true);
    const after = await f.mailbox("anna@alpenblick.example");
    expect(await verifyPassword(after?.passwordHash ?? "", NEW_PASSWORD)).toBe(true);
    expect(after?.sessionVersion).toBe((before?.sessionVersion ?? 0) + 1);
    expect(await f.auditCount("mailbox.password.set", "anna@alpenblick.example")).toBe(1);
    expect(await f.auditCount("mailbox.update", "anna@alpenblick.example")).toBe(0);
  });

  it("changes nothing when the password is refused, not even the valid quota", async () => {
    const kunde = await f.actorFor(KUNDE);
    const before = await f.mailbox("info@alpenblick.example");
    const d = await f.domain("alpenblick.example");
    const errors = await fieldErrorsOf(
      async () =>
        await updateMailboxSettings(
          kunde,
          {
            subscriptionId: d.subscriptionId,
            mailboxId: before?.id ?? 0,
            enabled: false,
            quotaMb: 100,
            newPassword: "password",
            confirmPassword: "password",
          },
          ip,
          h.db,
        ),
    );
    expect(errors.newPassword?.length).toBeGreaterThan(0);
    expect(await f.mailbox("info@alpenblick.example")).toEqual(before);
  });

  it("disables a mailbox and sets its quota within the package, audited", async () => {
    const kunde = await f.actorFor(KUNDE);
    const m = await f.mailbox("info@bergsee.example");
    const d = await f.domain("bergsee.example");
    const r = await updateMailboxSettings(
      kunde,
      { subscriptionId: d.subscriptionId, mailboxId: m?.id ?? 0, enabled: false, quotaMb: 300, newPassword: "", confirmPassword: "" },
      ip,
      h.db,
    );
    expect(r.passwordChanged).toBe(false);
    expect(await f.mailbox("info@bergsee.example")).toMatchObject({ enabled: false, quotaMb: 300, passwordHash: m?.passwordHash });
    expect(await f.auditCount("mailbox.update", "info@bergsee.example")).toBe(1);
    await expect(
      updateMailboxSettings(
        kunde,
        { subscriptionId: d.subscriptionId, mailboxId: m?.id ?? 0, enabled: true, quotaMb: 4096, newPassword: "", confirmPassword: "" },
        ip,
        h.db,
      ),
    ).rejects.toMatchObject({ fieldErrors: { quotaMb: [{ key: "panel.errors.quotaTooLarge", values: { max: 2048 } }] } });
    expect((await f.mailbox("info@bergsee.example"))?.enabled).toBe(false);
  });
});

describe("forwarding and spam filter", () => {
  it("stores canonical targets and keep-copy, refuses invalid and self targets", async () => {
    const kunde = await f.actorFor(KUNDE);
    const m = await f.mailbox("max.mustermann@citywerk.example");
    const d = await f.domain("citywerk.example");
    const base = { subscriptionId: d.subscriptionId, mailboxId: m?.id ?? 0 };
    await setForwarding(
      kunde,
      { ...base, targets: "Chef@Example.org\nchef@example.org\nteam@grüne-wiese.example", keepCopy: false },
      ip,
      h.db,
    );
    const rows = await h.db.select({ target: forwards.target }).from(forwards).where(eq(forwards.mailboxId, base.mailboxId));
    expect(rows.map((r) => r.target).sort()).toEqual(["chef@example.org", `team@${canonicalDomain("grüne-wiese.example")}`]);
    expect((await f.mailbox("max.mustermann@citywerk.example"))?.keepCopy).toBe(false);
    expect(
      (await fieldErrorsOf(async () => await setForwarding(kunde, { ...base, targets: "kein-at-zeichen", keepCopy: true }, ip, h.db)))
        .targets,
    ).toEqual(["panel.errors.targetInvalid"]);
    expect(
      (
        await fieldErrorsOf(
          async () => await setForwarding(kunde, { ...base, targets: "max.mustermann@citywerk.example", keepCopy: true }, ip, h.db),
        )
      ).targets,
    ).toEqual(["panel.errors.targetSelf"]);
    expect(await h.db.select().from(forwards).where(eq(forwards.mailboxId, base.mailboxId))).toHaveLength(2);
    const list = await listSubscriptionMailboxes(kunde, d.subscriptionId, {}, h.db);
    expect(list.items.find((i) => i.id === base.mailboxId)?.services).toEqual({ mailbox: true, forwarding: true, spamFilter: true });
  });

  it("keeps the forward limit of the package", async () => {
    const kunde = await f.actorFor(KUNDE);
    const m = await f.mailbox("info@alpenblick.example");
    const d = await f.domain("alpenblick.example");
    const many = Array.from({ length: 21 }, (_, i) => `ziel${i}@example.org`).join("\n");
    const errors = await fieldErrorsOf(
      async () =>
        await setForwarding(kunde, { subscriptionId: d.subscriptionId, mailboxId: m?.id ?? 0, targets: many, keepCopy: true }, ip, h.db),
    );
    expect(errors.targets).toEqual(["panel.errors.forwardLimit"]);
    expect(
      await h.db
        .select()
        .from(forwards)
        .where(eq(forwards.mailboxId, m?.id ?? 0)),
    ).toHaveLength(0);
  });

  it("switches the spam filter off, audited", async () => {
    const kunde = await f.actorFor(KUNDE);
    const m = await f.mailbox("info@citywerk.example");
    const d = await f.domain("citywerk.example");
    await setSpamFilter(kunde, { subscriptionId: d.subscriptionId, mailboxId: m?.id ?? 0, enabled: false }, ip, h.db);
    expect(
      (
        await firstRow(
          h.db
            .select()
            .from(spamSettings)
            .where(eq(spamSettings.mailboxId, m?.id ?? 0)),
        )
      )?.enabled,
    ).toBe(false);
    expect(await f.auditCount("mailbox.spam.update", "info@citywerk.example")).toBe(1);
  });
});

describe("deleteMailboxes", () => {
  it("deletes the selection, lowers the counter and audits each address", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("citywerk.example");
    for (const local of ["weg1", "weg2"]) {
      await createMailbox(
        kunde,
        {
          subscriptionId: d.subscriptionId,
          domainId: d.id,
          localPart: local,
          quotaMb: null,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        },
        ip,
        h.db,
      );
    }
    const count = (await f.domain("citywerk.example")).mailboxCount;
    const ids = await Promise.all(["weg1", "weg2"].map(async (l) => (await f.mailbox(`${l}@citywerk.example`))?.id ?? 0));
    await deleteMailboxes(kunde, { subscriptionId: d.subscriptionId, mailboxIds: ids, confirmed: "yes" }, ip, h.db);
    expect(await f.mailbox("weg1@citywerk.example")).toBeUndefined();
    expect((await f.domain("citywerk.example")).mailboxCount).toBe(count - 2);
    expect(await f.auditCount("mailbox.delete", "weg2@citywerk.example")).toBe(1);
  });
});

describe("postmaster@ and abuse@ (RFC 2142)", () => {
  it("are not deleted, not even within a selection, and the attempt is audited", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("citywerk.example");
    for (const local of ["postmaster", "abuse", "bleibt-auch"]) {
      await createMailbox(
        kunde,
        {
          subscriptionId: d.subscriptionId,
          domainId: d.id,
          localPart: local,
          quotaMb: null,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        },
        ip,
        h.db,
      );
    }
    const count = (await f.domain("citywerk.example")).mailboxCount;
    const ids = await Promise.all(["postmaster", "bleibt-auch"].map(async (l) => (await f.mailbox(`${l}@citywerk.example`))?.id ?? 0));
    expect(
      await fieldErrorsOf(
        async () => await deleteMailboxes(kunde, { subscriptionId: d.subscriptionId, mailboxIds: ids, confirmed: "yes" }, ip, h.db),
      ),
    ).toEqual({ _form: ["panel.errors.protectedAddress"] });
    expect(await f.mailbox("postmaster@citywerk.example")).toBeDefined();
    expect(await f.mailbox("bleibt-auch@citywerk.example")).toBeDefined();
    expect((await f.domain("citywerk.example")).mailboxCount).toBe(count);
    expect(await f.auditCount("mailbox.delete_refused", "postmaster@citywerk.example")).toBe(1);
  });

  it("cannot be switched off, while password and quota stay the customer's to set", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("citywerk.example");
    await createMailbox(
      kunde,
      {
        subscriptionId: d.subscriptionId,
        domainId: d.id,
        localPart: "abuse",
        quotaMb: null,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      },
      ip,
      h.db,
    );
    const abuse = await f.mailbox("abuse@citywerk.example");
    const errors = await fieldErrorsOf(
      async () =>
        await updateMailboxSettings(
          kunde,
          {
            subscriptionId: d.subscriptionId,
            mailboxId: abuse?.id ?? 0,
            enabled: false,
            quotaMb: null,
            newPassword: "",
            confirmPassword: "",
          },
          ip,
          h.db,
        ),
    );
    expect(errors).toEqual({ enabled: ["panel.errors.protectedAddress"] });
    expect((await f.mailbox("abuse@citywerk.example"))?.enabled).toBe(true);
    await updateMailboxSettings(
      kunde,
      { subscriptionId: d.subscriptionId, mailboxId: abuse?.id ?? 0, enabled: true, quotaMb: 100, newPassword: "", confirmPassword: "" },
      ip,
      h.db,
    );
    expect((await f.mailbox("abuse@citywerk.example"))?.quotaMb).toBe(100);
  });
});
