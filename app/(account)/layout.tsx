import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AppShell } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";

/** Pages every role shares (the own password), inside the frame and navigation of the actor's area. */
export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePermission("password.self");
  return (
    <ClientMessages area="(account)">
      <AppShell role={actor.role} user={actor.label} withNav={!actor.mustChangePassword}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
