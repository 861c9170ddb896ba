import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { countOpenTickets } from "@/lib/services/tickets/count-open-tickets";

export default async function SupportStartPage() {
  const actor = await requireRole("support");
  const t = await getTranslations();
  return (
    <>
      <PageTitle>{t("support.welcome", { name: actor.label })}</PageTitle>
      <Card title={t("support.title")}>
        <p className="text-sm text-slate-700">{t("support.body")}</p>
        <p className="mt-2 text-sm font-medium">{t("support.openTickets", { count: countOpenTickets(actor) })}</p>
      </Card>
    </>
  );
}
