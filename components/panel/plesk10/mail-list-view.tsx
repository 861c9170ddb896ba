import { getTranslations } from "@/lib/i18n/translations";
import { PanelIcon } from "@/components/panel/shared/icons";
import { panelLinks } from "@/components/panel/shared/links";
import { MailNotice } from "@/components/panel/shared/mail-notice";
import { MailTable } from "@/components/panel/shared/mail-table";
import type { MailList } from "@/components/panel/shared/skin-types";
import { mailboxUsageText } from "@/components/panel/shared/usage";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { Plesk10Box, Plesk10Page, plesk10Button } from "./page";

const TONE = {
  head: "border-b-2 border-slate-300 text-slate-600",
  rows: "*:border-b *:border-slate-200 *:hover:bg-[#f3f7fb]",
  links: "[&_a]:text-[#1f6fb2] [&_a]:hover:underline",
  link: "text-[#1f6fb2] hover:underline",
  button: "rounded border border-slate-400 bg-gradient-to-b from-white to-[#e3e6e9] px-2 py-1 text-[12px]",
};

/** The "E-Mail" tab: the button row, then the list of addresses. */
export async function Plesk10MailListView({ sub, list, notice }: { sub: PanelSubscription; list: MailList; notice?: string }) {
  const t = await getTranslations("panel");
  const ta = await getTranslations("aliases");
  const links = panelLinks(sub.id);
  return (
    <Plesk10Page
      title={t("emailTitle")}
      crumbs={[{ href: links.start, label: t("start") }, { label: t("email") }]}
      buttons={
        <>
          <a href={links.newMailbox} className={plesk10Button}>
            <PanelIcon name="add" size={16} />
            {t("addAddress")}
          </a>
          <a href={links.allAliases} className={plesk10Button}>
            <PanelIcon name="mail" size={16} />
            {ta("manage")}
          </a>
        </>
      }
    >
      <MailNotice notice={notice} />
      <Plesk10Box>
        <p className="mb-3 text-slate-600">
          {t("emailIntro")} {mailboxUsageText(t, sub)}
        </p>
        <MailTable sub={sub} list={list} tone={TONE} />
      </Plesk10Box>
    </Plesk10Page>
  );
}
