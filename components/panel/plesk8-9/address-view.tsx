import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { PanelIcon } from "@/components/panel/shared/icons";
import { panelLinks } from "@/components/panel/shared/links";
import type { AddressTool } from "@/components/panel/shared/skin-types";
import type { PanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { IconGroup } from "./icon-group";
import { ClassicBox, ClassicPage } from "./page";
import type { ClassicVariant } from "./variant";

type Props = { variant: ClassicVariant; sub: PanelSubscription; mailbox: PanelMailbox; active?: AddressTool; children: ReactNode };

/** An address's page: "Eine Ebene höher" top right, the Werkzeuge bar (Einstellungen, Weiterleitung, Spamfilter, Autoresponder, Decknamen), Info. */
export async function ClassicAddressView({ variant, sub, mailbox, active, children }: Props) {
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  const home = variant === "plesk8" ? t("start") : t("startpage");
  const ta = await getTranslations("aliases");
  const tr = await getTranslations("autoresponder");
  // Plesk 8 and 9 called a mailbox's additional names "Decknamen".
  const toolTitle =
    active === "settings"
      ? t("settings")
      : active === "forwarding"
        ? t("forwarding")
        : active === "spam"
          ? t("spamFilter")
          : active === "autoresponder"
            ? tr("panelTool")
            : active === "aliases"
              ? ta("classicTool")
              : null;
  const up = active ? links.mailbox(mailbox.id) : links.mail;
  const activeHref = active
    ? {
        settings: links.settings,
        forwarding: links.forwarding,
        spam: links.spam,
        autoresponder: links.autoresponder,
        aliases: links.aliases,
      }[active](mailbox.id)
    : undefined;
  const crumbs = [
    { href: links.start, label: home },
    { href: links.mail, label: t("email") },
    ...(toolTitle
      ? [{ href: links.mailbox(mailbox.id), label: mailbox.displayAddress }, { label: toolTitle }]
      : [{ label: mailbox.displayAddress }]),
  ];
  return (
    <ClassicPage
      title={toolTitle ? `${mailbox.displayAddress} – ${toolTitle}` : mailbox.displayAddress}
      crumbs={crumbs}
      actions={
        <a
          href={up}
          className="inline-flex items-center gap-1 rounded border border-[#8ea3b8] bg-gradient-to-b from-white to-[#dfe6ee] px-2 py-1 text-[12px]"
        >
          <PanelIcon name="up" size={14} />
          {t("upLevel")}
        </a>
      }
    >
      <IconGroup
        variant={variant}
        title={t("tools")}
        activeHref={activeHref}
        icons={[
          { href: links.settings(mailbox.id), label: t("settings"), icon: "settings" },
          { href: links.forwarding(mailbox.id), label: t("forwarding"), icon: "forwarding" },
          { href: links.spam(mailbox.id), label: t("spamFilter"), icon: "spam" },
          { href: links.autoresponder(mailbox.id), label: tr("panelTool"), icon: "autoresponder" },
          { href: links.aliases(mailbox.id), label: ta("classicTool"), icon: "mail" },
        ]}
      />
      <ClassicBox>
        {!active && <h2 className="mb-2 text-sm font-bold text-[#1f3850]">{t("info")}</h2>}
        {children}
      </ClassicBox>
    </ClassicPage>
  );
}
