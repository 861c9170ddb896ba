import { beforeEach, describe, expect, it } from "vitest";
import { quotaErrorsAlongside } from "@/lib/services/mailboxes/quota-alongside";
import { aCustomerWithPanelPackages, emptyDb } from "../support/factories";
import { panelFixtures } from "./panel-fixtures";

let h: Awaited<ReturnType<typeof emptyDb>>;
let f: Awaited<ReturnType<typeof panelFixtures>>;
const KUNDE = "kunde@test.example";

beforeEach(async () => {
  h = await emptyDb();
  f = panelFixtures(h.db);
  await aCustomerWithPanelPackages(h.db, { contactEmail: KUNDE });
});

/** The quota check a refused form still gets, so the limit shows together with the schema's errors. */
describe("quotaErrorsAlongside", () => {
  it("names the package's limit for a quota above it, from the raw form fields", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("bergsee.example");
    const raw = { subscriptionId: String(d.subscriptionId), quotaMb: "99999", newPassword: "kurz" };
    expect(await quotaErrorsAlongside(kunde, raw, h.db)).toEqual({
      quotaMb: [{ key: "panel.errors.quotaTooLarge", values: { max: 2048 } }],
    });
  });

  it("adds nothing for a quota within the package, a quota the schema refuses, or a bad id", async () => {
    const kunde = await f.actorFor(KUNDE);
    const d = await f.domain("bergsee.example");
    const sub = String(d.subscriptionId);
    expect(await quotaErrorsAlongside(kunde, { subscriptionId: sub, quotaMb: "2048" }, h.db)).toEqual({});
    expect(await quotaErrorsAlongside(kunde, { subscriptionId: sub, quotaMb: "12a" }, h.db)).toEqual({});
    expect(await quotaErrorsAlongside(kunde, { subscriptionId: "x", quotaMb: "99999" }, h.db)).toEqual({});
  });
});
