import { getTranslations } from "@/lib/i18n/translations";
import { panelLinks } from "@/components/panel/shared/links";
import { MailNotice } from "@/components/panel/shared/mail-notice";
import { MailTable } from "@/components/panel/shared/mail-table";
import type { MailList } from "@/components/panel/shared/skin-types";
import { mailboxUsageText } from "@/components/panel/shared/usage";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { IconGroup } from "./icon-group";
import { ClassicBox, ClassicPage } from "./page";
import type { ClassicVariant } from "./variant";

const TONE = {
  head: "bg-gradient-to-b from-[#e3eaf1] to-[#cfdbe6] text-[#23384d]",
  rows: "*:border-t *:border-slate-200 *:odd:bg-white *:even:bg-[#f4f7fa]",
  links: "[&_a]:text-[#1a5a94] [&_a]:underline-offset-2 [&_a]:hover:underline",
  link: "text-[#1a5a94] underline-offset-2 hover:underline",
  button: "rounded border border-[#8ea3b8] bg-gradient-to-b from-white to-[#dfe6ee] px-2 py-0.5 text-[12px]",
};

/** "E-Mail-Adressen verwalten": the Werkzeuge box with "Neue E-Mail-Adresse hinzufügen", then the list. */
export async function ClassicMailListView({
  variant,
  sub,
  list,
  notice,
}: {
  variant: ClassicVariant;
  sub: PanelSubscription;
  list: MailList;
  notice?: string;
}) {
  const t = await getTranslations("panel");
  const ta = await getTranslations("aliases");
  const links = panelLinks(sub.id);
  const home = variant === "plesk8" ? t("start") : t("startpage");
  return (
    <ClassicPage title={t("emailTitle")} crumbs={[{ href: links.start, label: home }, { label: t("email") }]}>
      <MailNotice notice={notice} />
      <IconGroup
        variant={variant}
        title={t("tools")}
        icons={[
          { href: links.newMailbox, label: t("addAddress"), icon: "add" },
          { href: links.allAliases, label: ta("manage"), icon: "mail" },
        ]}
      />
      <ClassicBox>
        <p className="mb-2 text-xs text-slate-600">
          {t("emailIntro")} {mailboxUsageText(t, sub)}
        </p>
        <MailTable sub={sub} list={list} tone={TONE} />
      </ClassicBox>
    </ClassicPage>
  );
}
