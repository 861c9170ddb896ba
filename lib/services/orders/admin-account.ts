import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { mailAccounts } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { generatePassword } from "@/lib/password/generate";
import { firstRow, onlyRow } from "@/db/rows";

type Tx = Pick<Db, "select" | "insert">;

/** `K10001` → `k10001.001`: Dovecot lower-cases login names, so they are stored that way. */
export const accountLogin = (customerNumber: string, number: number) =>
  `${customerNumber.toLowerCase()}.${String(number).padStart(3, "0")}`;

export async function hasAdminAccount(tx: Pick<Db, "select">, customerId: number): Promise<boolean> {
  return !!(await firstRow(
    tx
      .select({ id: mailAccounts.id })
      .from(mailAccounts)
      .where(and(eq(mailAccounts.customerId, customerId), eq(mailAccounts.number, 1))),
  ));
}

/** A generated, policy-conforming password and its hash, made before the transaction (whose body must not wait for I/O). */
export async function prepareGeneratedPassword(): Promise<{ password: string; hash: string }> {
  const password = generatePassword();
  return { password, hash: await hashPassword(password) };
}

/**
 * Inserts account `.001` with an already hashed generated password, marked to be changed at first
 * login. The plain password is never stored; the caller shows it once.
 */
export async function insertAdminAccount(
  tx: Tx,
  c: { resellerId: number; customerId: number; customerNumber: string; quotaMb: number | null },
  hash: string,
) {
  const login = accountLogin(c.customerNumber, 1);
  const row = await onlyRow(
    tx
      .insert(mailAccounts)
      .values({
        resellerId: c.resellerId,
        customerId: c.customerId,
        number: 1,
        login,
        passwordHash: hash,
        quotaMb: c.quotaMb,
        mustChangePassword: true,
        passwordChangedAt: new Date(),
      })
      .returning({ id: mailAccounts.id }),
  );
  return { id: row.id, login };
}
