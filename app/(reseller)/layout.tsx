import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AppShell } from "@/components/shell/app-shell";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";
import { NAVIGATION } from "@/lib/navigation";

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requireEnrolledActor("reseller.manage");
  const t = await getTranslations("nav");
  return (
    <ClientMessages area="(reseller)">
      <AppShell area={t("reseller")} user={actor.label} nav={NAVIGATION[actor.role].map((n) => ({ href: n.href, label: t(n.label) }))}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
