import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AppShell } from "@/components/shell/app-shell";
import { requirePermission } from "@/lib/auth/session";

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requirePermission("mailbox.self");
  return (
    <ClientMessages area="(mailbox)">
      <AppShell role={actor.role} user={actor.label}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
