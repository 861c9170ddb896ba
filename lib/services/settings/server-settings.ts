import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db";
import { settings } from "@/db/schema";
import { config } from "@/lib/config";
import { firstRow } from "@/db/rows";

export const serverSettingsSchema = z.object({
  imapHost: z.string().min(1).max(253),
  imapPort: z.number().int().min(1).max(65535),
  imapEncryption: z.enum(["ssl", "starttls"]),
  smtpHost: z.string().min(1).max(253),
  smtpPort: z.number().int().min(1).max(65535),
  smtpEncryption: z.enum(["ssl", "starttls"]),
  publicUrl: z.url(),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  imapHost: "mail.kontor.example",
  imapPort: 993,
  imapEncryption: "ssl",
  smtpHost: "mail.kontor.example",
  smtpPort: 587,
  smtpEncryption: "starttls",
  publicUrl: config().publicUrl,
};

const KEY = "server";

/** The server addresses shown to customers; falls back to defaults for anything not stored. */
export async function getServerSettings(db: Db = getDb()): Promise<ServerSettings> {
  const row = await firstRow(db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)));
  const parsed = serverSettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_SERVER_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function storeServerSettings(db: Pick<Db, "insert">, value: ServerSettings) {
  await db.insert(settings).values({ key: KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}
