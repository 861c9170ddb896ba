import "server-only";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/lib/authz/actor";
import { searchDomainsForCustomer } from "./search-domains-for-customer";

/** The first domains of the customer, by name, for the KSC start page: the Domainverwaltung's first page. */
export async function listDomainsForCustomer(actor: Actor, opts: { limit?: number } = {}, db: Db = getDb()) {
  return (await searchDomainsForCustomer(actor, { pageSize: opts.limit ?? 50 }, db)).items;
}
