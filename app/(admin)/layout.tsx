import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AppShell } from "@/components/shell/app-shell";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requireEnrolledActor("admin.manage");
  return (
    <ClientMessages area="(admin)">
      <AppShell role={actor.role} user={actor.label}>
        {children}
      </AppShell>
    </ClientMessages>
  );
}
