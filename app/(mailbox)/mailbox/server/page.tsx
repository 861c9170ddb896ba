import { getTranslations } from "@/lib/i18n/translations";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requirePermission } from "@/lib/auth/session";
import { getServerSettings } from "@/lib/services/settings/server-settings";

export default async function MailboxServerPage() {
  await requirePermission("mailbox.self");
  const t = await getTranslations("clientSetup");
  return (
    <>
      <PageTitle>{t("serverTitle")}</PageTitle>
      <ServerAddresses settings={await getServerSettings()} />
      <Card title={t("automaticTitle")}>
        <p className="mb-3 text-sm text-slate-700">{t("serverIntro")}</p>
        <Link href="/mailbox/setup" className="text-brand-700 underline">
          {t("openSetup")}
        </Link>
      </Card>
    </>
  );
}
