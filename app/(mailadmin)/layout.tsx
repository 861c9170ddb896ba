import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ForcedPasswordChange } from "@/components/mailadmin/forced-password-change";
import { AppShell } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";
import { NAVIGATION } from "@/lib/navigation";
import { changePendingPasswordAction } from "./mailadmin/actions";

/**
 * While the `.001` password is still the generated one, every page of the E-Mail-Administration
 * shows only the password change: the pages are not rendered and the services refuse everything else.
 */
export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePermission("mailadmin.manage");
  const t = await getTranslations("nav");
  if (actor.mustChangePassword) {
    return (
      <ClientMessages area="(mailadmin)">
        <AppShell area={t("mailadmin")} user={actor.label} nav={[]}>
          <ForcedPasswordChange action={changePendingPasswordAction} login={actor.label} />
        </AppShell>
      </ClientMessages>
    );
  }
  return (
    <ClientMessages area="(mailadmin)">
      <AppShell area={t("mailadmin")} user={actor.label} nav={NAVIGATION[actor.role].map((n) => ({ href: n.href, label: t(n.label) }))}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
