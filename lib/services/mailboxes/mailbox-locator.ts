import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAliases, mailboxes, spamSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { canonicalDomain } from "@/lib/validation/names";
import { firstRow } from "@/db/rows";
import { startsWith } from "@/db/dialect";

/**
 * Lookups the API needs besides the panel's subscription pages: a mailbox or domain by id or name
 * without knowing its subscription, always inside the actor's tenant scope (a foreign one is
 * NotFound), answering with the subscription so the panel's services can take over from there.
 */
export async function locateDomain(actor: Actor, name: string, db: Db = getDb()) {
  assertCan(actor, "mailboxes.manage", () => new NotFoundError());
  const row = await firstRow(
    db
      .select({ id: domains.id, name: domains.name, subscriptionId: domains.subscriptionId })
      .from(domains)
      .where(and(eq(domains.name, canonicalDomain(name)), tenantScope(actor, domains))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

export async function locateMailbox(actor: Actor, mailboxId: number, db: Db = getDb()) {
  assertCan(actor, "mailboxes.manage", () => new NotFoundError());
  const row = await firstRow(
    db
      .select({ id: mailboxes.id, subscriptionId: domains.subscriptionId })
      .from(mailboxes)
      .innerJoin(domains, eq(mailboxes.domainId, domains.id))
      .where(and(eq(mailboxes.id, mailboxId), tenantScope(actor, mailboxes), tenantScope(actor, domains))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

export const DOMAIN_MAILBOX_PAGE_MAX = 500;

/**
 * One page of a domain's mailboxes by local part, optionally those starting with `prefix`, after a
 * cursor (the last local part of the previous page). Each page is one seek on
 * mailboxes(domain_id, local_part): page 4,000 of a 200,000-mailbox domain costs what page 1 does.
 */
export async function listDomainMailboxes(
  actor: Actor,
  input: { domain: string; prefix?: string; after?: string; limit: number },
  db: Db = getDb(),
) {
  const domain = await locateDomain(actor, input.domain, db);
  const limit = Math.min(Math.max(input.limit, 1), DOMAIN_MAILBOX_PAGE_MAX);
  const prefix = input.prefix?.toLowerCase() ?? "";
  const rows = await db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      localPart: mailboxes.localPart,
      quotaMb: mailboxes.quotaMb,
      enabled: mailboxes.enabled,
      spamFilter: spamSettings.enabled,
    })
    .from(mailboxes)
    .leftJoin(spamSettings, eq(spamSettings.mailboxId, mailboxes.id))
    .where(
      and(
        eq(mailboxes.domainId, domain.id),
        tenantScope(actor, mailboxes),
        prefix ? startsWith(mailboxes.localPart, prefix) : undefined,
        input.after ? gt(mailboxes.localPart, input.after) : undefined,
      ),
    )
    .orderBy(asc(mailboxes.localPart))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    domain,
    items: page.map((r) => ({ id: r.id, address: r.address, quotaMb: r.quotaMb, enabled: r.enabled, spamFilter: !!r.spamFilter })),
    nextAfter: rows.length > limit ? page[page.length - 1].localPart : null,
  };
}

/** An alias of the actor's domains with its domain's subscription; another tenant's is NotFound. */
export async function locateAlias(actor: Actor, aliasId: number, db: Db = getDb()) {
  assertCan(actor, "mailboxes.manage", () => new NotFoundError());
  const row = await firstRow(
    db
      .select({ id: mailAliases.id, domainId: mailAliases.domainId, subscriptionId: domains.subscriptionId })
      .from(mailAliases)
      .innerJoin(domains, eq(mailAliases.domainId, domains.id))
      .where(and(eq(mailAliases.id, aliasId), tenantScope(actor, mailAliases), tenantScope(actor, domains))),
  );
  if (!row) throw new NotFoundError();
  return row;
}
