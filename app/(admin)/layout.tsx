import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireRole } from "@/lib/auth/session";

export default async function Layout({ children }: { children: ReactNode }) {
  const actor = await requireRole("admin");
  const t = await getTranslations("nav");
  return (
    <AppShell area={t("admin")} user={actor.label} nav={[{ href: "/admin", label: t("start") }]}>
      {children}
    </AppShell>
  );
}
