import { getTranslations } from "@/lib/i18n/translations";
import { redirect } from "next/navigation";
import { NewTicketForm } from "@/components/tickets/new-ticket-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { hasFreshStammdatenConfirmation } from "@/lib/services/support/stammdaten";
import { createTicketAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = { searchParams: Promise<{ category?: string }> };

export default async function NewTicketPage({ searchParams }: Props) {
  const actor = await requirePermission("customer.self");
  if (!(await hasFreshStammdatenConfirmation(actor))) redirect("/ksc/stammdaten");
  const t = await getTranslations("supportCenter");
  const { category } = await searchParams;
  return (
    <ClientMessages area="(ksc)/support">
      <>
        <PageTitle>{t("title")}</PageTitle>
        <Card title={t("newTicket")}>
          <p className="mb-4 text-sm text-slate-600">{t("newTicketIntro")}</p>
          <NewTicketForm action={createTicketAction} defaultCategory={category} />
        </Card>
      </>
    </ClientMessages>
  );
}
