import type { PrincipalKind } from "@/db/schema";
import type { Role } from "./permissions";

/** Who is acting, re-read from the database on every request; never taken from the client. */
export type Actor = {
  kind: PrincipalKind;
  id: number;
  role: Role;
  label: string;
  resellerId: number | null;
  customerId: number | null;
  /** Set for mailbox users: their own mailbox. */
  mailboxId: number | null;
  mustChangePassword: boolean;
  /** Set when the request came with an API key: its name, recorded beside the label in the audit log. */
  apiKeyName?: string;
  sessionVersion: number;
};

/** Landing page of each role after login. */
export const HOME_BY_ROLE: Record<Role, string> = {
  admin: "/admin",
  reseller: "/reseller",
  customer: "/ksc",
  support: "/support",
  mailadmin: "/mailadmin",
  mailbox: "/mailbox",
};
