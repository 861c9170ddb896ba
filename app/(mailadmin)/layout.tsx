import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ForcedPasswordChange } from "@/components/mailadmin/forced-password-change";
import { AppShell } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";
import { changePendingPasswordAction } from "./mailadmin/actions";

/**
 * While the `.001` password is still the generated one, every page of the E-Mail-Administration
 * shows only the password change: the pages are not rendered and the services refuse everything else.
 */
export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePermission("mailadmin.manage");
  if (actor.mustChangePassword) {
    return (
      <ClientMessages area="(mailadmin)">
        <AppShell role={actor.role} user={actor.label} withNav={false}>
          <ForcedPasswordChange action={changePendingPasswordAction} login={actor.label} />
        </AppShell>
      </ClientMessages>
    );
  }
  return (
    <ClientMessages area="(mailadmin)">
      <AppShell role={actor.role} user={actor.label}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
