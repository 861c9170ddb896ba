import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccountAddresses } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { addressOwner } from "@/lib/services/aliases/alias-scope";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { dropTargetsOf, syncForwardingAfterCommit } from "@/lib/services/mail-targets/drop-targets";
import { displayAddress } from "@/lib/validation/names";
import { accountOrThrow, assertMailAdmin, noPanelDomains } from "./mail-admin-guard";
import { transaction } from "@/db/transaction";
import { onlyRow, firstRow } from "@/db/rows";

/** Routes `local@domain` to one of the customer's mail accounts; the domain must be one of its no-panel domains. */
export async function routeAddress(
  actor: Actor,
  input: { accountId: number; domainId: number; localPart: string },
  ip: string | null,
  db: Db = getDb(),
) {
  const tenant = assertMailAdmin(actor);
  return await transaction(
    db,
    async (tx) => {
      const account = await accountOrThrow(tx, actor, input.accountId);
      const domain = (await noPanelDomains(tx, actor)).find((d) => d.id === input.domainId);
      if (!domain) throw new ValidationError("errors.checkFields", { domainId: ["mailAdmin.errors.domainNotAllowed"] });
      const address = `${input.localPart}@${domain.name}`;
      if (await addressOwner(tx, address))
        throw new ValidationError("errors.checkFields", { localPart: ["mailAdmin.errors.addressTaken"] });
      const row = await onlyRow(
        tx
          .insert(mailAccountAddresses)
          .values({ ...tenant, mailAccountId: account.id, domainId: domain.id, localPart: input.localPart, address })
          .returning({ id: mailAccountAddresses.id }),
      );
      await writeAudit(tx, actor, {
        action: "mail_account.address_add",
        targetKind: "mail_account",
        targetId: account.id,
        targetLabel: account.login,
        ...tenant,
        ip,
        details: { address: displayAddress(address) },
      });
      return row.id;
    },
    { behavior: "immediate" },
  );
}

/** Removes a routed address; another customer's address id is NotFound. */
export async function unrouteAddress(actor: Actor, addressId: number, ip: string | null, db: Db = getDb()) {
  const tenant = assertMailAdmin(actor);
  const changed = await transaction(
    db,
    async (tx) => {
      const row = await firstRow(
        tx
          .select({ id: mailAccountAddresses.id, address: mailAccountAddresses.address, accountId: mailAccountAddresses.mailAccountId })
          .from(mailAccountAddresses)
          .where(
            and(
              eq(mailAccountAddresses.id, addressId),
              eq(mailAccountAddresses.customerId, tenant.customerId),
              tenantScope(actor, mailAccountAddresses),
            ),
          ),
      );
      if (!row) throw new NotFoundError();
      await tx.delete(mailAccountAddresses).where(eq(mailAccountAddresses.id, row.id));
      await writeAudit(tx, actor, {
        action: "mail_account.address_remove",
        targetKind: "mail_account",
        targetId: row.accountId,
        ...tenant,
        ip,
        details: { address: displayAddress(row.address) },
      });
      // The customer's alias and forwarding targets that named it go (dropTargetsOf).
      return await dropTargetsOf(tx, actor, tenant.customerId, { addresses: [row.address] }, ip);
    },
    { behavior: "immediate" },
  );
  await syncForwardingAfterCommit(db, changed);
}
