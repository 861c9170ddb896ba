import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AppShell } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";
import { NAVIGATION } from "@/lib/navigation";

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePermission("customer.self");
  const t = await getTranslations("nav");
  return (
    <ClientMessages area="(ksc)">
      <AppShell area={t("ksc")} user={actor.label} nav={NAVIGATION[actor.role].map((n) => ({ href: n.href, label: t(n.label) }))}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
