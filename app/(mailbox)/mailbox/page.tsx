import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requireRole } from "@/lib/auth/session";
import { getOwnMailbox } from "@/lib/services/mailboxes/get-own-mailbox";
import { getServerSettings } from "@/lib/services/settings/server-settings";

export default async function MailboxStartPage() {
  const actor = await requireRole("mailbox");
  const t = await getTranslations();
  const mailbox = getOwnMailbox(actor);
  return (
    <>
      <PageTitle>{t("mailbox.title")}</PageTitle>
      <Card title={t("mailbox.welcome", { address: mailbox.displayAddress })}>
        <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-500">{t("mailbox.quota")}</dt><dd>{mailbox.quotaMb ? `${mailbox.quotaMb} MB` : t("common.unlimited")}</dd>
          <dt className="text-slate-500">{t("mailbox.status")}</dt><dd>{mailbox.enabled ? t("mailbox.enabled") : t("mailbox.disabled")}</dd>
        </dl>
      </Card>
      <ServerAddresses settings={getServerSettings()} />
    </>
  );
}
