import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { PanelIcon } from "@/components/panel/shared/icons";
import { panelLinks } from "@/components/panel/shared/links";
import type { AddressTool } from "@/components/panel/shared/skin-types";
import type { PanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { Plesk10Box, Plesk10Page, plesk10Button, plesk10ButtonActive } from "./page";

type Props = { sub: PanelSubscription; mailbox: PanelMailbox; active?: AddressTool; children: ReactNode };

/** An address in Plesk 10: "Einstellungen", "Weiterleitung", "Spamfilter", "Autoresponder", "E-Mail-Aliase" in the upper area, then the tool's form. */
export async function Plesk10AddressView({ sub, mailbox, active, children }: Props) {
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  const ta = await getTranslations("aliases");
  const tr = await getTranslations("autoresponder");
  const tools: { key: AddressTool; href: string; label: string; icon: "settings" | "forwarding" | "spam" | "autoresponder" | "mail" }[] = [
    { key: "settings", href: links.settings(mailbox.id), label: t("settings"), icon: "settings" },
    { key: "forwarding", href: links.forwarding(mailbox.id), label: t("forwarding"), icon: "forwarding" },
    { key: "spam", href: links.spam(mailbox.id), label: t("spamFilter"), icon: "spam" },
    { key: "autoresponder", href: links.autoresponder(mailbox.id), label: tr("panelTool"), icon: "autoresponder" },
    { key: "aliases", href: links.aliases(mailbox.id), label: ta("title"), icon: "mail" },
  ];
  // Like 8/9: on a tool's page the tool's name ("Einstellungen") is in the title and the last crumb.
  const toolTitle = tools.find((tool) => tool.key === active)?.label;
  const crumbs = [
    { href: links.start, label: t("start") },
    { href: links.mail, label: t("email") },
    ...(toolTitle
      ? [{ href: links.mailbox(mailbox.id), label: mailbox.displayAddress }, { label: toolTitle }]
      : [{ label: mailbox.displayAddress }]),
  ];
  return (
    <Plesk10Page
      title={toolTitle ? `${mailbox.displayAddress} – ${toolTitle}` : mailbox.displayAddress}
      crumbs={crumbs}
      buttons={
        <>
          {tools.map((tool) => (
            <a
              key={tool.key}
              href={tool.href}
              aria-current={active === tool.key ? "page" : undefined}
              className={`${plesk10Button} ${active === tool.key ? plesk10ButtonActive : ""}`}
            >
              <PanelIcon name={tool.icon} size={16} />
              {tool.label}
            </a>
          ))}
          <a href={active ? links.mailbox(mailbox.id) : links.mail} className={`${plesk10Button} ml-auto`}>
            <PanelIcon name="up" size={16} />
            {t("upLevel")}
          </a>
        </>
      }
    >
      <Plesk10Box>{children}</Plesk10Box>
    </Plesk10Page>
  );
}
