import type { ServerSettings } from "@/lib/services/settings/server-settings";
import { strictAddress } from "@/lib/validation/mailbox-settings";

/**
 * Everything a mail program needs except the password, which no set-up file ever contains.
 * The address is only echoed back (after strict validation); nothing here looks it up, so these
 * public answers never reveal whether a mailbox exists.
 */
export type ClientAccount = {
  /** Canonical address, or null when the request named none (or a malformed one). */
  address: string | null;
  domain: string | null;
  settings: ServerSettings;
};

export function clientAccount(settings: ServerSettings, rawAddress: string | null | undefined): ClientAccount {
  const address = rawAddress ? strictAddress(rawAddress.slice(0, 320)) || null : null;
  return { address, domain: address ? address.slice(address.lastIndexOf("@") + 1) : null, settings };
}

export const PROVIDER_NAME = "Kontor";

/**
 * The autodiscover address to show Outlook users: the panel's configured public URL (admin setting,
 * default KONTOR_PUBLIC_URL), and only when it is HTTPS. Outlook does not fetch autodiscover over
 * plain http, so an http panel URL would be an address no mail program can use: then null.
 */
export function autodiscoverUrl(settings: ServerSettings): string | null {
  const base = settings.publicUrl.replace(/\/+$/, "");
  return base.startsWith("https://") ? `${base}/autodiscover/autodiscover.xml` : null;
}
