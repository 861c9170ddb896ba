import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type ClientArea, namespacesFor } from "@/lib/i18n/client-namespaces";

/**
 * Hands the client components of one route group or page only the namespaces they read. A nested
 * provider replaces the outer one, so a page's provider also sends its group's namespaces.
 */
export async function ClientMessages({ area, children }: { area: ClientArea; children: ReactNode }) {
  const all = await getMessages();
  const messages = Object.fromEntries(
    namespacesFor(area)
      .filter((ns) => ns in all)
      .map((ns) => [ns, all[ns]]),
  );
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
