import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/** For pages (the one place this mapping lives): a scoped loader's NotFoundError (missing or another tenant's record) becomes a 404. */
export async function orNotFound<T>(load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}

/** A positive integer route parameter, or a 404. */
export function idParam(value: string): number {
  const id = Number(value);
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}
