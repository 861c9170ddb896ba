import "server-only";
import type { Db } from "@/db";
import { getServerSettings } from "@/lib/services/settings/server-settings";

/**
 * The link in the mail, built only from the configured public URL, never from request headers
 * (Host poisoning). The token sits in the fragment: browsers never send it to the server in a GET,
 * so it stays out of access logs and Referer headers; the page posts it when the user confirms.
 */
export async function resetLinkFor(token: string, db: Db): Promise<string> {
  const base = (await getServerSettings(db)).publicUrl.replace(/\/+$/, "");
  return `${base}/reset#${token}`;
}
